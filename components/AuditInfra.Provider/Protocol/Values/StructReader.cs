using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Grpc.Messages;
using AuditInfra.Provider.Model;
using Grpc.Core;

namespace AuditInfra.Provider.Protocol.Values;

/// <summary>
/// Decodes an encoded google.protobuf.Struct (struct.proto: Struct.fields = 1 as map entries key = 1, value = 2;
/// Value kinds null = 1 varint, number = 2 fixed64, string = 3, bool = 4 varint, struct = 5, list = 6;
/// ListValue.values = 1) straight into <see cref="PropertyValue"/>s. String values are not copied: each is a
/// <see cref="StringProperty"/> over its slice of the encoded bytes, checked to be valid UTF-8 as proto3 requires
/// of a string field. Unknown fields are skipped and the last of repeated singular fields wins, as protobuf parsers
/// do. Every error is INVALID_ARGUMENT naming the property path (e.g. <c>news.tags[2]</c>); nesting deeper than
/// <see cref="MessageLimits.RecursionLimit"/> protobuf levels (a JSON level costs three: Struct, map entry, Value)
/// is refused like the library refuses it.
/// </summary>
internal sealed class StructReader
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly string _root;
    private readonly List<string> _path = [];

    private StructReader(ReadOnlyMemory<byte> data, string root)
    {
        _data = data;
        _root = root;
    }

    /// <summary>The object encoded in <paramref name="encoded"/> (a Struct's bytes); <paramref name="root"/> names it in errors.</summary>
    /// <param name="depth">Protobuf levels already entered above the Struct (1 for a field of the request message).</param>
    public static ObjectProperty Read(ReadOnlyMemory<byte> encoded, string root, int depth = 1) =>
        new StructReader(encoded, root).ReadStruct(0, encoded.Length, depth + 1);

    private ObjectProperty ReadStruct(int position, int end, int depth)
    {
        EnterLevel(depth);
        var fields = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        while (position < end)
        {
            var (field, wire) = ReadTag(ref position, end);
            if (field == 1 && wire == WireLengthDelimited)
            {
                var entryEnd = ReadLengthDelimited(ref position, end);
                var (key, value) = ReadEntry(position, entryEnd, depth + 1);
                fields[key] = value;
                position = entryEnd;
            }
            else
            {
                Skip(ref position, end, wire);
            }
        }

        return new ObjectProperty(fields.ToImmutable());
    }

    private (string Key, PropertyValue Value) ReadEntry(int position, int end, int depth)
    {
        EnterLevel(depth);
        var key = string.Empty;
        (int Start, int End)? value = null;
        while (position < end)
        {
            var (field, wire) = ReadTag(ref position, end);
            if (field == 1 && wire == WireLengthDelimited)
            {
                var keyEnd = ReadLengthDelimited(ref position, end);
                var bytes = _data.Span[position..keyEnd];
                if (!Utf8.IsValid(bytes))
                {
                    throw Invalid($"a key of {Path()} is not valid UTF-8 (a protobuf string must be)");
                }

                key = Encoding.UTF8.GetString(bytes);
                position = keyEnd;
            }
            else if (field == 2 && wire == WireLengthDelimited)
            {
                var valueEnd = ReadLengthDelimited(ref position, end);
                value = (position, valueEnd);
                position = valueEnd;
            }
            else
            {
                Skip(ref position, end, wire);
            }
        }

        _path.Add("." + key);
        var decoded = value is var (start, stop) ? ReadValue(start, stop, depth + 1) : PropertyValue.Null;
        _path.RemoveAt(_path.Count - 1);
        return (key, decoded);
    }

    private PropertyValue ReadValue(int position, int end, int depth)
    {
        EnterLevel(depth);
        var result = PropertyValue.Null;
        while (position < end)
        {
            var (field, wire) = ReadTag(ref position, end);
            switch (field, wire)
            {
                case (1, WireVarint):
                    ReadVarint(ref position, end);
                    result = PropertyValue.Null;
                    break;
                case (2, WireFixed64):
                    Require(position, end, 8);
                    result = PropertyValue.Of(BinaryPrimitives.ReadDoubleLittleEndian(_data.Span.Slice(position, 8)));
                    position += 8;
                    break;
                case (3, WireLengthDelimited):
                    var stringEnd = ReadLengthDelimited(ref position, end);
                    result = String(_data[position..stringEnd]);
                    position = stringEnd;
                    break;
                case (4, WireVarint):
                    result = PropertyValue.Of(ReadVarint(ref position, end) != 0);
                    break;
                case (5, WireLengthDelimited):
                    var structEnd = ReadLengthDelimited(ref position, end);
                    result = StructCodec.Interpret(ReadStruct(position, structEnd, depth + 1));
                    position = structEnd;
                    break;
                case (6, WireLengthDelimited):
                    var listEnd = ReadLengthDelimited(ref position, end);
                    result = ReadList(position, listEnd, depth + 1);
                    position = listEnd;
                    break;
                default:
                    Skip(ref position, end, wire);
                    break;
            }
        }

        return result;
    }

    private ArrayProperty ReadList(int position, int end, int depth)
    {
        EnterLevel(depth);
        var items = ImmutableArray.CreateBuilder<PropertyValue>();
        while (position < end)
        {
            var (field, wire) = ReadTag(ref position, end);
            if (field == 1 && wire == WireLengthDelimited)
            {
                var itemEnd = ReadLengthDelimited(ref position, end);
                _path.Add($"[{items.Count}]");
                items.Add(ReadValue(position, itemEnd, depth + 1));
                _path.RemoveAt(_path.Count - 1);
                position = itemEnd;
            }
            else
            {
                Skip(ref position, end, wire);
            }
        }

        return new ArrayProperty(items.DrainToImmutable());
    }

    private PropertyValue String(ReadOnlyMemory<byte> utf8)
    {
        if (!Utf8.IsValid(utf8.Span))
        {
            throw Invalid($"the string at {Path()} is not valid UTF-8 (a protobuf string must be)");
        }

        // Every unknown sentinel is a 36-character GUID; only strings of that length need a look.
        return utf8.Length == 36 && Signatures.Unknowns.Contains(Encoding.UTF8.GetString(utf8.Span))
            ? PropertyValue.Unknown
            : StringProperty.FromValidUtf8(utf8);
    }

    private void EnterLevel(int depth)
    {
        if (depth > MessageLimits.RecursionLimit)
        {
            var path = Path();
            throw Invalid($"{_root} nests deeper than the recursion limit of {MessageLimits.RecursionLimit} protobuf levels (at {(path.Length > 120 ? path[..120] + "…" : path)})");
        }
    }

    private (int Field, int Wire) ReadTag(ref int position, int end)
    {
        var tag = ReadVarint(ref position, end);
        if (tag >> 3 is 0 or > int.MaxValue)
        {
            throw Malformed("a field number out of range");
        }

        return ((int)(tag >> 3), (int)(tag & 7));
    }

    private ulong ReadVarint(ref int position, int end)
    {
        var span = _data.Span;
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= end)
            {
                throw Malformed("a truncated varint");
            }

            var b = span[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw Malformed("a varint longer than 10 bytes");
    }

    private int ReadLengthDelimited(ref int position, int end)
    {
        var length = ReadVarint(ref position, end);
        if (length > (ulong)(end - position))
        {
            throw Malformed("a length beyond the end of its message");
        }

        return position + (int)length;
    }

    private void Skip(ref int position, int end, int wire)
    {
        switch (wire)
        {
            case WireVarint:
                ReadVarint(ref position, end);
                break;
            case WireFixed64:
                Require(position, end, 8);
                position += 8;
                break;
            case WireLengthDelimited:
                position = ReadLengthDelimited(ref position, end);
                break;
            case WireFixed32:
                Require(position, end, 4);
                position += 4;
                break;
            default:
                throw Malformed($"wire type {wire}, which a Struct never holds");
        }
    }

    private void Require(int position, int end, int bytes)
    {
        if (end - position < bytes)
        {
            throw Malformed("a truncated fixed-size field");
        }
    }

    private string Path() => _root + string.Concat(_path);

    private RpcException Malformed(string what) => Invalid($"malformed google.protobuf.Struct in {Path()}: {what}");

    private static RpcException Invalid(string detail) => GrpcErrors.Status(StatusCode.InvalidArgument, detail);
}

using Google.Protobuf;

namespace AuditInfra.Grpc.Wire;

/// <summary>Factories for <see cref="Value"/> (the generated message of Protos/auditinfra/wire/struct.proto).</summary>
public sealed partial class Value
{
    /// <summary>The string value decoded from its UTF-8 bytes; empty when the value is not a string.</summary>
    public string StringValue => Utf8Value.ToStringUtf8();

    public static Value ForNull() => new() { NullValue = Wire.NullValue.NullValue };

    public static Value ForBool(bool value) => new() { BoolValue = value };

    public static Value ForNumber(double value) => new() { NumberValue = value };

    /// <summary>A string value, encoded to UTF-8 (one copy; a lone surrogate becomes U+FFFD, as UTF-8 cannot carry it).</summary>
    public static Value ForString(string value) => new() { Utf8Value = ByteString.CopyFromUtf8(value) };

    /// <summary>
    /// A string value that shares <paramref name="utf8"/> without copying it; the caller guarantees valid UTF-8 and
    /// that the memory is not written to while the message lives.
    /// </summary>
    public static Value ForUtf8(ReadOnlyMemory<byte> utf8) => new() { Utf8Value = UnsafeByteOperations.UnsafeWrap(utf8) };

    public static Value ForStruct(Struct value) => new() { StructValue = value };

    public static Value ForList(IEnumerable<Value> values)
    {
        var list = new ListValue();
        list.Values.AddRange(values);
        return new Value { ListValue = list };
    }
}

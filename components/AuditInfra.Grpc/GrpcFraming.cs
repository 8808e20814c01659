using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using Google.Protobuf;

namespace AuditInfra.Grpc;

/// <summary>
/// gRPC's length-prefixed message framing over HTTP/2 (grpc/doc/PROTOCOL-HTTP2.md): one byte compressed-flag,
/// four bytes big-endian length, the protobuf bytes. Unary calls carry exactly one message each way.
/// </summary>
public static class GrpcFraming
{
    public const string ContentType = "application/grpc";

    /// <summary>Pulumi's engine accepts messages up to 400 MiB; large state or schema needs more than gRPC's 4 MiB default.</summary>
    public const int MaxMessageBytes = 400 * 1024 * 1024;

    /// <summary>Struct/Value nesting costs about three protobuf levels per JSON level; the library default of 100 is too low.</summary>
    public const int RecursionLimit = 1000;

    private const int HeaderLength = 5;

    public static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var buffer = new byte[HeaderLength + size];
        buffer[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1, 4), (uint)size);
        message.WriteTo(buffer.AsSpan(HeaderLength));
        return buffer;
    }

    /// <summary>Reads the single message of a unary call from <paramref name="reader"/> to its end.</summary>
    public static async Task<T> ReadSingleAsync<T>(PipeReader reader, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (result.IsCompleted)
            {
                try
                {
                    return Parse(buffer, parser);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Parses one framed message held whole in <paramref name="frame"/>.</summary>
    public static T Parse<T>(ReadOnlySequence<byte> frame, MessageParser<T> parser)
        where T : IMessage<T>
    {
        if (frame.Length < HeaderLength)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"gRPC message frame is {frame.Length} bytes, shorter than its 5-byte header");
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        frame.Slice(0, HeaderLength).CopyTo(header);
        if (header[0] != 0)
        {
            // We never advertise grpc-accept-encoding, so a peer must not compress.
            throw new GrpcException(GrpcStatusCode.Unimplemented, "compressed gRPC messages are not supported");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > MaxMessageBytes)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"gRPC message of {length} bytes exceeds the {MaxMessageBytes}-byte limit");
        }

        if (frame.Length != HeaderLength + length)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"gRPC frame declares {length} message bytes but carries {frame.Length - HeaderLength}");
        }

        var body = frame.Slice(HeaderLength).ToArray();
        var input = CodedInputStream.CreateWithLimits(new MemoryStream(body, writable: false), MaxMessageBytes, RecursionLimit);
        var message = parser.ParseFrom(input);
        return message;
    }

    /// <summary>grpc-message is percent-encoded UTF-8: printable ASCII except '%' passes as is.</summary>
    public static string EncodeStatusMessage(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }

    public static string DecodeStatusMessage(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return string.Empty;
        }

        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length &&
                byte.TryParse(encoded.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else
            {
                bytes.Add((byte)encoded[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

using System.IO.Hashing;
using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// Bytes as a stored object through the gzip line reader: it ends (with lines or <see cref="ObjectDecodeException"/>),
/// never hands out a line over the limit, and numbers lines without gaps. Read twice, streaming (GZipStream) and
/// whole (libdeflate, when the library is there), both must give the same lines, byte counts and damage.
/// </summary>
public static class GzipLineReaderTarget
{
    private const int MaxLineBytes = 4096;

    // A small input may inflate to gigabytes; the reader's memory does not grow with it, but the fuzzer's time would.
    private const long MaxDecodedBytes = 16L << 20;

    public static void Run(byte[] input)
    {
        var streamed = Read(input, maxWholeObjectBytes: 0);
        // Decoded whole up to the same cap the loop stops at, as ObjectScanner does with its MaxObjectBytes.
        var whole = Read(input, MaxDecodedBytes);
        if (streamed != whole)
        {
            throw new FuzzInvariantException($"streamed ({streamed}) and decoded whole ({whole}) disagree");
        }
    }

    private static string Read(byte[] input, long maxWholeObjectBytes)
    {
        using var lines = new GzipLineReader(new MemoryStream(input, 0, input.Length, writable: false, publiclyVisible: true), MaxLineBytes, maxWholeObjectBytes);
        var transcript = new XxHash3();
        long expected = 0;
        var end = "capped";
        try
        {
            while (lines.UncompressedBytes <= MaxDecodedBytes)
            {
                var read = lines.TryReadLine(out var line);
                switch (read)
                {
                    case LineRead.Line or LineRead.TooLong:
                        if (line.Length > MaxLineBytes)
                        {
                            throw new FuzzInvariantException($"a line of {line.Length} bytes passed the {MaxLineBytes}-byte limit");
                        }

                        if (lines.LineNumber != ++expected)
                        {
                            throw new FuzzInvariantException($"line {lines.LineNumber} followed line {expected - 1}");
                        }

                        transcript.Append([(byte)read, (byte)line.Length, (byte)(line.Length >> 8)]);
                        transcript.Append(line);
                        break;
                    case LineRead.NeedMoreData:
                        lines.FillAsync().AsTask().GetAwaiter().GetResult();
                        break;
                    default:
                        end = "end";
                        return Describe();
                }
            }

            return Describe();
        }
        catch (ObjectDecodeException ex)
        {
            // A corrupt, truncated or unreadable object: the expected outcome for most inputs.
            end = $"{ex.Damage}: {ex.Message}";
            return Describe();
        }

        string Describe() =>
            $"{end}; {lines.LineNumber} lines (hash {transcript.GetCurrentHashAsUInt64():x16}), {lines.CompressedBytes} stored, {(end == "capped" ? "over the cap" : lines.UncompressedBytes)} decoded";
    }
}

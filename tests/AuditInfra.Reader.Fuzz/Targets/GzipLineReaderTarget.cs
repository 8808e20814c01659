using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// Bytes as a stored object through the gzip line reader: it ends (with lines or <see cref="ObjectDecodeException"/>),
/// never hands out a line over the limit, and numbers lines without gaps.
/// </summary>
public static class GzipLineReaderTarget
{
    private const int MaxLineBytes = 4096;

    // A small input may inflate to gigabytes; the reader's memory does not grow with it, but the fuzzer's time would.
    private const long MaxDecodedBytes = 16L << 20;

    public static void Run(byte[] input)
    {
        using var lines = new GzipLineReader(new MemoryStream(input, writable: false), MaxLineBytes);
        long expected = 0;
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

                        break;
                    case LineRead.NeedMoreData:
                        lines.FillAsync().AsTask().GetAwaiter().GetResult();
                        break;
                    default:
                        return;
                }
            }
        }
        catch (ObjectDecodeException)
        {
            // A corrupt, truncated or unreadable object: the expected outcome for most inputs.
        }
    }
}

using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Tests.Decoding;

/// <summary>Reads a <see cref="GzipLineReader"/> to its end, handing every line (or too-long line) to a callback.</summary>
internal static class LineDrain
{
    public delegate void LineHandler(LineRead status, ReadOnlySpan<byte> line);

    /// <exception cref="ObjectDecodeException">As <see cref="GzipLineReader.FillAsync"/> throws it.</exception>
    public static async Task ReadAllAsync(GzipLineReader reader, LineHandler onLine)
    {
        while (true)
        {
            var status = reader.TryReadLine(out var line);
            if (status == LineRead.NeedMoreData)
            {
                await reader.FillAsync();
            }
            else if (status == LineRead.End)
            {
                return;
            }
            else
            {
                onLine(status, line);
            }
        }
    }
}

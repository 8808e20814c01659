using System.Text;
using System.Text.Json;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// Repairs the output file after a run that was killed between writing records and saving its checkpoint. The
/// bytes after the checkpoint's <see cref="SyncCheckpoint.OutputLength"/> are records the next run would write
/// again: their ids are returned so they are skipped. A torn last line (killed mid-write) is cut off; its record
/// is written again whole.
/// </summary>
public static class OutputRecovery
{
    public static HashSet<ulong> Recover(string path, long checkpointLength)
    {
        var written = new HashSet<ulong>();
        if (!File.Exists(path))
        {
            return written;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length < checkpointLength)
        {
            throw new InvestigationException(
                $"output {path} is shorter ({stream.Length} bytes) than when the checkpoint was saved ({checkpointLength} bytes): " +
                "it was truncated or replaced; move the checkpoint aside to start a new collection");
        }

        stream.Position = checkpointLength;
        var tail = new byte[stream.Length - checkpointLength];
        stream.ReadExactly(tail);
        var complete = tail.AsSpan().LastIndexOf((byte)'\n') + 1;
        foreach (var line in Encoding.UTF8.GetString(tail, 0, complete).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IdOf(line) is { } id)
            {
                written.Add(RecordIdHash.Of(id));
            }
        }

        if (complete < tail.Length)
        {
            stream.SetLength(checkpointLength + complete);
            stream.Flush(flushToDisk: true);
        }

        return written;
    }

    /// <summary>The record id of a written line: CloudEvents <c>id</c> or Kubernetes <c>auditID</c>, top level only.</summary>
    public static string? IdOf(string line)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("auditID"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}

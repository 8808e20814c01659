using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// Repairs the output file after a run that was killed between writing records and saving its checkpoint. The
/// bytes after the checkpoint's <see cref="SyncCheckpoint.OutputLength"/> are records the next run would write
/// again: their identities (<see cref="RecordIdentity"/>) are returned so they are skipped. A torn last line (killed mid-write) is cut off; its record
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
        foreach (var line in tail.AsSpan(0, complete).Split((byte)'\n'))
        {
            if (RecordIdentity.HashOfLine(tail.AsSpan(0, complete)[line]) is { } hash)
            {
                written.Add(hash);
            }
        }

        if (complete < tail.Length)
        {
            stream.SetLength(checkpointLength + complete);
            stream.Flush(flushToDisk: true);
        }

        return written;
    }
}

namespace AuditInfra.Investigation.Sync;

/// <summary>A file opened for appending; durable means fsynced.</summary>
public sealed class FileSyncOutput : ISyncOutput
{
    private readonly FileStream _stream;

    public FileSyncOutput(string path)
    {
        try
        {
            _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvestigationException($"output {path} cannot be opened for writing: {ex.Message}", ex);
        }

        _stream.Seek(0, SeekOrigin.End);
    }

    public void WriteLine(ReadOnlySpan<byte> line)
    {
        _stream.Write(line);
        _stream.WriteByte((byte)'\n');
    }

    public long? MakeDurable()
    {
        _stream.Flush(flushToDisk: true);
        return _stream.Length;
    }

    public long? Length => _stream.Position;

    public bool TryTruncate(long length)
    {
        _stream.Flush();
        _stream.SetLength(length);
        _stream.Seek(0, SeekOrigin.End);
        return true;
    }

    public void Dispose() => _stream.Dispose();
}

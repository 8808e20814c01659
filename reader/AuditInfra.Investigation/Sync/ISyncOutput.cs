using System.Text;

namespace AuditInfra.Investigation.Sync;

/// <summary>Where sync writes records: one delivered line plus '\n' each.</summary>
public interface ISyncOutput : IDisposable
{
    void WriteLine(ReadOnlySpan<byte> line);

    /// <summary>Makes everything written so far durable; returns the output's length (null when it has none).</summary>
    long? MakeDurable();
}

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

    public void Dispose() => _stream.Dispose();
}

/// <summary>stdout (or any text writer): flushed, but a pipe cannot be fsynced or read back.</summary>
public sealed class TextSyncOutput : ISyncOutput
{
    private readonly TextWriter _writer;

    public TextSyncOutput(TextWriter writer)
    {
        _writer = writer;
    }

    public void WriteLine(ReadOnlySpan<byte> line)
    {
        _writer.Write(Encoding.UTF8.GetString(line));
        _writer.Write('\n');
    }

    public long? MakeDurable()
    {
        _writer.Flush();
        return null;
    }

    public void Dispose()
    {
    }
}

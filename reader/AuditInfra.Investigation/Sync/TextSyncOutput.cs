using System.Text;

namespace AuditInfra.Investigation.Sync;

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

    public long? Length => null;

    public bool TryTruncate(long length) => false;

    public void Dispose()
    {
    }
}

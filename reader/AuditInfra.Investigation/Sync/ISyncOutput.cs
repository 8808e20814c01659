namespace AuditInfra.Investigation.Sync;

/// <summary>Where sync writes records: one delivered line plus '\n' each.</summary>
public interface ISyncOutput : IDisposable
{
    void WriteLine(ReadOnlySpan<byte> line);

    /// <summary>Makes everything written so far durable; returns the output's length (null when it has none).</summary>
    long? MakeDurable();
}

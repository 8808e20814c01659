namespace AuditInfra.Investigation.Sync;

/// <summary>Where sync writes records: one delivered line plus '\n' each.</summary>
public interface ISyncOutput : IDisposable
{
    void WriteLine(ReadOnlySpan<byte> line);

    /// <summary>Makes everything written so far durable; returns the output's length (null when it has none).</summary>
    long? MakeDurable();

    /// <summary>The length written so far (null when the output has none, as stdout).</summary>
    long? Length { get; }

    /// <summary>Cuts the output back to <paramref name="length"/> (taking back an object that failed); false when it cannot be (stdout).</summary>
    bool TryTruncate(long length);
}

using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Records;

/// <summary>
/// A parsed record with where it came from: the object key and the 1-based line, the evidence users follow.
/// <paramref name="Raw"/> is the delivered line itself, kept only when asked for (sync writes it verbatim).
/// </summary>
public sealed record LocatedRecord(AuditRecord Record, string ObjectKey, long Line, byte[]? Raw = null)
{
    /// <summary>The account (euuid) whose folder the object is filed under; null under a destination's custom path.</summary>
    public string? Account { get; init; }
}

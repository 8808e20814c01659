namespace AuditInfra.Investigation.Detections;

/// <summary>
/// One record behind a detection: where to find it (object key, 1-based line) and what it was. A value, not an
/// object: a run holds hundreds of thousands of them.
/// </summary>
public readonly record struct Evidence(string Object, long Line, DateTimeOffset Time, string? Operation, EvidenceId RecordId)
{
    /// <summary>The record's id as delivered.</summary>
    public string Id => RecordId.ToString();
}

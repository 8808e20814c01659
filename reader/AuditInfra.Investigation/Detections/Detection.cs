namespace AuditInfra.Investigation.Detections;

/// <summary>
/// A fired rule: who (actor and/or IP), when (first and last record), how many records, and the first of them as
/// evidence (at most <see cref="DetectionSettings.MaxEvidence"/>; <see cref="Count"/> is always the full count).
/// </summary>
public sealed record Detection(
    string Rule,
    Severity Severity,
    string Summary,
    string? Actor,
    string? Ip,
    DateTimeOffset First,
    DateTimeOffset Last,
    long Count,
    IReadOnlyList<Evidence> Evidence);

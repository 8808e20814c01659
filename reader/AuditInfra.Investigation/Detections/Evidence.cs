namespace AuditInfra.Investigation.Detections;

/// <summary>One record behind a detection: where to find it (object key, 1-based line) and what it was.</summary>
public sealed record Evidence(string Object, long Line, DateTimeOffset Time, string? Operation, string Id);

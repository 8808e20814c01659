namespace AuditInfra.Investigation.Detections;

/// <summary>
/// One record some rules matched, reduced on a worker thread to what the rules keep: which rules (bit i is the
/// engine's rule i), the keys they group by, and the evidence, built once however many rules share it.
/// <paramref name="Kubernetes"/>: the record is a Kubernetes stage Event, counted once per request (its <c>auditID</c>).
/// </summary>
public readonly record struct RuleHit(ulong Rules, string? Actor, string? Ip, Evidence Evidence, bool Kubernetes = false);

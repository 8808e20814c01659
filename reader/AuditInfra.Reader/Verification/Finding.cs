namespace AuditInfra.Reader.Verification;

/// <summary>One finding: its kind, the object key (or the prefix a missing day belongs to), the 1-based line where it applies, and what is wrong.</summary>
public sealed record Finding(FindingKind Kind, string Object, long? Line, string Detail);

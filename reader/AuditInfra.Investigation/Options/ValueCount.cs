namespace AuditInfra.Investigation.Options;

/// <summary>One value present in the range and how many records carry it.</summary>
public sealed record ValueCount(string Value, long Count);

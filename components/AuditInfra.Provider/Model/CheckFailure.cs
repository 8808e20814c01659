namespace AuditInfra.Provider.Model;

/// <summary>One invalid input: the property as the user wrote it (e.g. <c>retention.days</c>) and why.</summary>
public sealed record CheckFailure(string Property, string Reason);

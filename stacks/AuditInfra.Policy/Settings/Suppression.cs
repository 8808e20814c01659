using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Settings;

/// <summary>
/// An explicit exception from a rule, written in policy.yaml: which rule, optionally which stack and
/// resource, why, and until when (inclusive, UTC). An expired suppression stops suppressing and is reported.
/// </summary>
public sealed record Suppression(string Rule, string? Stack, string? Resource, string Reason, DateOnly? Expires, SourceLocation Location)
{
    public bool IsExpired(DateOnly today) => Expires is { } expires && today > expires;

    public bool Matches(string rule, string stack, string? resource) =>
        Rule == rule && (Stack is null || Stack == stack) && (Resource is null || Resource == resource);
}

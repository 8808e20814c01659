using AuditInfra.Policy.Model;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Rules;

/// <summary>
/// One place where a rule is broken: what is wrong, the top-level program resource it belongs to (what
/// suppressions name), the line to change, and the resource itself (a component's child, for instance).
/// </summary>
public sealed record Violation(string Message, string? Resource, SourceLocation Location, string? Subject = null)
{
    /// <summary>A violation at the line of the offending value when it has one (a stack-file config line), else at the resource.</summary>
    public static Violation At(AuditResource resource, PolicyValue? value, string message) =>
        new(message, resource.Owner, value?.Location is { Line: > 0 } line ? line : resource.Location, resource.Name);
}

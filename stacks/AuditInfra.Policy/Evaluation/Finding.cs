using AuditInfra.Policy.Model;
using AuditInfra.Policy.Rules;
using AuditInfra.Policy.Settings;

namespace AuditInfra.Policy.Evaluation;

/// <summary>
/// A violation of one rule in one view of one stack, and what policy.yaml says about it: suppressed by an
/// active suppression, or matched only by an expired one (which then no longer suppresses).
/// </summary>
public sealed record Finding(RuleInfo Rule, string Stack, string Environment, ViewSource Source, string SourceFile, Violation Violation, Suppression? SuppressedBy, Suppression? Expired)
{
    public bool IsSuppressed => SuppressedBy is not null;

    /// <summary>The rule's severity in this finding's environment.</summary>
    public Severity Severity => Rule.SeverityIn(Environment);

    public bool Denies => Severity == Severity.Deny && !IsSuppressed;
}

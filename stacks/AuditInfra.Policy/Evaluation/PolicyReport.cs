using AuditInfra.Policy.Rules;

namespace AuditInfra.Policy.Evaluation;

/// <summary>The outcome of one check: what was read, every finding, every suppression and the rules applied.</summary>
public sealed record PolicyReport(
    IReadOnlyList<string> Checked,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<SuppressionUse> Suppressions,
    IReadOnlyList<IPolicyRule> Rules,
    IReadOnlyList<string> Notes)
{
    public int Denied => Findings.Count(f => f.Denies);

    public int Warnings => Findings.Count(f => !f.IsSuppressed && f.Severity == Severity.Warn);

    public int Suppressed => Findings.Count(f => f.IsSuppressed);

    public bool Passes => Denied == 0;
}

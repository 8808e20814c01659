namespace AuditInfra.Policy.Rules;

/// <summary>
/// A rule's documentation: stable id, short name, title, severity, the environments it applies to (<c>*</c> for
/// all, <c>!name</c> to leave one out), why it exists and how to fix a violation. <see cref="Severity"/> is the
/// severity in production; <see cref="OutsideProd"/>, when set, is the severity everywhere else (a rule that denies
/// in prod and only warns in dev).
/// </summary>
public sealed record RuleInfo(string Id, string Name, string Title, Severity Severity, IReadOnlyList<string> Environments, string Reason, string Remedy)
{
    public Severity? OutsideProd { get; init; }

    /// <summary>The severity of a violation in <paramref name="environment"/>.</summary>
    public Severity SeverityIn(string environment) => environment == Settings.PolicySettings.Production ? Severity : OutsideProd ?? Severity;

    /// <summary>"deny", or "deny in prod, warn elsewhere".</summary>
    public string SeverityText => OutsideProd is { } other && other != Severity
        ? $"{Severity.ToString().ToLowerInvariant()} in prod, {other.ToString().ToLowerInvariant()} elsewhere"
        : Severity.ToString().ToLowerInvariant();

    public bool AppliesTo(string environment)
    {
        if (Environments.Contains("!" + environment, StringComparer.Ordinal))
        {
            return false;
        }

        return Environments.Any(e => e == "*" || e == environment || e.StartsWith('!'));
    }

    public string EnvironmentsText => string.Join(", ", Environments);
}

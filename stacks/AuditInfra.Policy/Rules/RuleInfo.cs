namespace AuditInfra.Policy.Rules;

/// <summary>
/// A rule's documentation: stable id, short name, title, severity, the environments it applies to (<c>*</c> for
/// all, <c>!name</c> to leave one out), why it exists and how to fix a violation.
/// </summary>
public sealed record RuleInfo(string Id, string Name, string Title, Severity Severity, IReadOnlyList<string> Environments, string Reason, string Remedy)
{
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

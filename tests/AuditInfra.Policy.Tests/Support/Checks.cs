using AuditInfra.Policy.Evaluation;

namespace AuditInfra.Policy.Tests.Support;

/// <summary>Runs the checker on a folder and answers the questions tests ask of a report.</summary>
public static class Checks
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static PolicyReport Run(string project, string? stack = null, string? baseDirectory = null, params string[] previews) =>
        new PolicyChecker().Check(new PolicyCheckRequest(project, stack, previews, baseDirectory, Today: Today));

    public static IEnumerable<string> DeniedIds(this PolicyReport report) => report.Findings.Where(f => f.Denies).Select(f => f.Rule.Id).Distinct();

    public static IEnumerable<string> Ids(this PolicyReport report) => report.Findings.Select(f => f.Rule.Id).Distinct();

    public static string Describe(this PolicyReport report) =>
        string.Join("\n", report.Findings.Select(f => $"{f.Rule.Id} {f.Stack} {f.Violation.Location}: {f.Violation.Message}"));
}

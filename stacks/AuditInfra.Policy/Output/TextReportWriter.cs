using AuditInfra.Policy.Evaluation;
using AuditInfra.Policy.Rules;

namespace AuditInfra.Policy.Output;

/// <summary>
/// The report for people: one line per finding (<c>DENY AUDIT002 prod Pulumi.prod.yaml:5:28 message</c>), then
/// suppressions and notes, then one closing <c>policy: ...</c> line a script can grep.
/// </summary>
public static class TextReportWriter
{
    public static void Write(PolicyReport report, TextWriter writer)
    {
        foreach (var line in report.Checked)
        {
            writer.WriteLine($"checked {line}");
        }

        foreach (var finding in report.Findings.OrderByDescending(f => f.Denies).ThenBy(f => f.IsSuppressed).ThenBy(f => f.Rule.Id, StringComparer.Ordinal).ThenBy(f => f.Stack, StringComparer.Ordinal))
        {
            var label = finding.IsSuppressed ? "SUPPRESSED" : finding.Severity == Severity.Deny ? "DENY" : "WARN";
            var source = finding.Source == Model.ViewSource.Preview ? $" [preview {finding.SourceFile}]" : "";
            writer.WriteLine($"{label,-10} {finding.Rule.Id} {finding.Stack,-6} {finding.Violation.Location}  {finding.Violation.Message}{source}");
            if (finding.SuppressedBy is { } by)
            {
                writer.WriteLine($"{"",-10} suppressed by {by.Location}: {by.Reason} ({Expiry(by)})");
            }
            else if (finding.Expired is { } expired)
            {
                writer.WriteLine($"{"",-10} the suppression at {expired.Location} expired on {expired.Expires:yyyy-MM-dd} and no longer applies");
            }
        }

        foreach (var use in report.Suppressions.Where(u => u.Status != SuppressionStatus.Applied))
        {
            var s = use.Suppression;
            writer.WriteLine(use.Status == SuppressionStatus.Expired
                ? $"suppression {s.Rule} at {s.Location} expired on {s.Expires:yyyy-MM-dd}: renew it with a reason or remove it"
                : $"suppression {s.Rule} at {s.Location} matched nothing: remove it");
        }

        foreach (var note in report.Notes)
        {
            writer.WriteLine($"note: {note}");
        }

        var expiredCount = report.Suppressions.Count(u => u.Status == SuppressionStatus.Expired);
        writer.WriteLine(
            $"policy: {(report.Passes ? "pass" : "DENY")}: {report.Denied} denied, {report.Warnings} warnings, {report.Suppressed} suppressed, " +
            $"{expiredCount} expired suppressions ({report.Rules.Count} rules, {report.Checked.Count} views)");
    }

    public static string Expiry(Settings.Suppression suppression) =>
        suppression.Expires is { } date ? $"until {date:yyyy-MM-dd}" : "no expiry";
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Policy.Evaluation;

namespace AuditInfra.Policy.Output;

/// <summary>
/// One JSON document: <c>{"summary": {...}, "findings": [...], "suppressions": [...], "rules": [...]}</c>.
/// Every finding has <c>ruleId</c>, <c>severity</c>, <c>stack</c>, <c>source</c>, <c>file</c>, <c>line</c>,
/// <c>message</c> and <c>suppressed</c> (null or the suppression).
/// </summary>
public static class JsonReportWriter
{
    public static void Write(PolicyReport report, TextWriter writer)
    {
        var document = new JsonObject
        {
            ["summary"] = new JsonObject
            {
                ["result"] = report.Passes ? "pass" : "deny",
                ["denied"] = report.Denied,
                ["warnings"] = report.Warnings,
                ["suppressed"] = report.Suppressed,
                ["expiredSuppressions"] = report.Suppressions.Count(u => u.Status == SuppressionStatus.Expired),
                ["checked"] = new JsonArray(report.Checked.Select(c => (JsonNode)c).ToArray()),
                ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode)n).ToArray()),
            },
            ["findings"] = new JsonArray(report.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["ruleId"] = f.Rule.Id,
                ["rule"] = f.Rule.Name,
                ["severity"] = f.Severity == Rules.Severity.Deny ? "deny" : "warn",
                ["stack"] = f.Stack,
                ["environment"] = f.Environment,
                ["source"] = f.Source == Model.ViewSource.Preview ? "preview" : "program",
                ["sourceFile"] = f.SourceFile,
                ["resource"] = f.Violation.Resource,
                ["file"] = f.Violation.Location.File,
                ["line"] = f.Violation.Location.Line,
                ["column"] = f.Violation.Location.Column,
                ["message"] = f.Violation.Message,
                ["suppressed"] = f.SuppressedBy is { } s ? Suppression(s) : null,
                ["expiredSuppression"] = f.Expired is { } e ? Suppression(e) : null,
            }).ToArray()),
            ["suppressions"] = new JsonArray(report.Suppressions.Select(u =>
            {
                var node = Suppression(u.Suppression);
                node["status"] = u.Status.ToString().ToLowerInvariant();
                node["matched"] = u.Matched;
                return (JsonNode)node;
            }).ToArray()),
            ["rules"] = new JsonArray(report.Rules.Select(r => (JsonNode)Rule(r.Info)).ToArray()),
        };
        writer.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>A rule's documentation as JSON (also what <c>policy rules --format json</c> prints).</summary>
    public static JsonObject Rule(Rules.RuleInfo info) => new()
    {
        ["id"] = info.Id,
        ["name"] = info.Name,
        ["title"] = info.Title,
        ["severity"] = info.Severity == Rules.Severity.Deny ? "deny" : "warn",
        ["severityOutsideProd"] = (info.OutsideProd ?? info.Severity) == Rules.Severity.Deny ? "deny" : "warn",
        ["environments"] = new JsonArray(info.Environments.Select(e => (JsonNode)e).ToArray()),
        ["reason"] = info.Reason,
        ["remedy"] = info.Remedy,
    };

    private static JsonObject Suppression(Settings.Suppression s) => new()
    {
        ["rule"] = s.Rule,
        ["stack"] = s.Stack,
        ["resource"] = s.Resource,
        ["reason"] = s.Reason,
        ["expires"] = s.Expires?.ToString("yyyy-MM-dd"),
        ["file"] = s.Location.File,
        ["line"] = s.Location.Line,
    };
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Policy.Evaluation;
using AuditInfra.Policy.Rules;

namespace AuditInfra.Policy.Output;

/// <summary>
/// SARIF 2.1.0 for code scanning: one run whose driver describes every rule (not only the violated ones), one
/// result per finding with its location in the stack file, suppressed findings carrying an accepted external
/// suppression with its justification, and expired suppressions and notes as tool notifications.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string ToolName = "auditinfra-policy";

    public static void Write(PolicyReport report, TextWriter writer)
    {
        var rules = report.Rules.Select(r => r.Info).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var notifications = report.Suppressions.Where(u => u.Status == SuppressionStatus.Expired)
            .Select(u => Notification($"suppression of {u.Suppression.Rule} expired on {u.Suppression.Expires:yyyy-MM-dd}; it no longer applies", "warning", u.Suppression.Location))
            .Concat(report.Notes.Select(n => Notification(n, "note", null)));
        var log = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = ToolName,
                        ["version"] = typeof(SarifReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
                        ["rules"] = new JsonArray(rules.Select(r => (JsonNode)Rule(r)).ToArray()),
                    },
                },
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = true,
                    ["toolExecutionNotifications"] = new JsonArray(notifications.ToArray()),
                }),
                ["results"] = new JsonArray(report.Findings.Select(f => (JsonNode)Result(f, index[f.Rule.Id])).ToArray()),
            }),
        };
        writer.WriteLine(log.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Rule(RuleInfo rule) => new()
    {
        ["id"] = rule.Id,
        ["name"] = rule.Name,
        ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
        ["fullDescription"] = new JsonObject { ["text"] = rule.Reason },
        ["help"] = new JsonObject { ["text"] = rule.Remedy },
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
        ["properties"] = new JsonObject
        {
            ["severity"] = rule.Severity == Severity.Deny ? "deny" : "warn",
            ["environments"] = new JsonArray(rule.Environments.Select(e => (JsonNode)e).ToArray()),
            ["tags"] = new JsonArray("security", "audit-logs"),
            // GitHub code scanning ranks security alerts by this number (7.0+ high, 4.0+ medium).
            ["security-severity"] = rule.Severity == Severity.Deny ? "8.0" : "5.0",
        },
    };

    private static JsonObject Result(Finding finding, int ruleIndex)
    {
        var result = new JsonObject
        {
            ["ruleId"] = finding.Rule.Id,
            ["ruleIndex"] = ruleIndex,
            ["level"] = Level(finding.Severity),
            ["message"] = new JsonObject { ["text"] = $"{finding.Stack}: {finding.Violation.Message}" },
            ["locations"] = new JsonArray(Location(finding.Violation.Location)),
            ["properties"] = new JsonObject
            {
                ["stack"] = finding.Stack,
                ["environment"] = finding.Environment,
                ["source"] = finding.Source == Model.ViewSource.Preview ? "preview" : "program",
                ["resource"] = finding.Violation.Resource,
            },
        };
        if (finding.SuppressedBy is { } suppression)
        {
            result["suppressions"] = new JsonArray(new JsonObject
            {
                ["kind"] = "external",
                ["status"] = "accepted",
                ["justification"] = $"{suppression.Reason} ({TextReportWriter.Expiry(suppression)})",
                ["location"] = Location(suppression.Location),
            });
        }

        return result;
    }

    private static JsonObject Location(Values.SourceLocation location)
    {
        var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = location.File } };
        if (location.Line > 0)
        {
            physical["region"] = new JsonObject { ["startLine"] = location.Line, ["startColumn"] = Math.Max(1, location.Column) };
        }

        return new JsonObject { ["physicalLocation"] = physical };
    }

    private static JsonObject Notification(string text, string level, Values.SourceLocation? location)
    {
        var node = new JsonObject { ["level"] = level, ["message"] = new JsonObject { ["text"] = text } };
        if (location is not null)
        {
            node["locations"] = new JsonArray(Location(location));
        }

        return node;
    }

    private static string Level(Severity severity) => severity == Severity.Deny ? "error" : "warning";
}

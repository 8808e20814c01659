using System.Text.Json;
using AuditInfra.Policy.Rules;
using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>Text, JSON and SARIF 2.1.0 output, and --output writing a whole file.</summary>
public sealed class OutputFormatTests
{
    private static ProjectCopy Weakened()
    {
        var copy = ProjectCopy.Committed();
        copy.Set("Pulumi.prod.yaml", "config/audit-logs:retentionMode", "GOVERNANCE");
        copy.Write("policy.yaml", "suppressions:\n  - rule: AUDIT003\n    stack: dev\n    reason: dev buckets are cleaned up by hand\n    expires: 2099-12-31\n");
        return copy;
    }

    private static int LineOf(ProjectCopy copy, string file, string text) =>
        File.ReadAllLines(copy.File(file)).Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public async Task Sarif_has_the_required_shape_and_describes_every_rule()
    {
        using var copy = Weakened();
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--format", "sarif");
        Assert.Equal(1, run.Exit);
        using var sarif = JsonDocument.Parse(run.Output);
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.StartsWith("https://", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run0 = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run0.GetProperty("tool").GetProperty("driver");
        Assert.Equal("auditinfra-policy", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.All.Select(r => r.Info.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("help").GetProperty("text").GetString()));
            Assert.Contains(r.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning" });
        });

        var results = run0.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r =>
        {
            var ruleId = r.GetProperty("ruleId").GetString();
            Assert.Equal(ruleId, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), new[] { "error", "warning", "note", "none" });
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetProperty("text").GetString()));
            var physical = Assert.Single(r.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.EndsWith(".yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.True(physical.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        });

        var denied = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "AUDIT002");
        Assert.Equal("error", denied.GetProperty("level").GetString());
        Assert.EndsWith("Pulumi.prod.yaml", denied.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(LineOf(copy, "Pulumi.prod.yaml", "audit-logs:retentionMode"), denied.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());

        var suppressed = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "AUDIT003");
        var suppression = Assert.Single(suppressed.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Contains("dev buckets are cleaned up by hand", suppression.GetProperty("justification").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_report_has_summary_findings_suppressions_and_rules()
    {
        using var copy = Weakened();
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--format", "json");
        Assert.Equal(1, run.Exit);
        using var json = JsonDocument.Parse(run.Output);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal("deny", summary.GetProperty("result").GetString());
        Assert.Equal(1, summary.GetProperty("denied").GetInt32());
        Assert.Equal(1, summary.GetProperty("suppressed").GetInt32());
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "AUDIT002");
        Assert.Equal("prod", finding.GetProperty("stack").GetString());
        Assert.Equal("program", finding.GetProperty("source").GetString());
        Assert.Equal(LineOf(copy, "Pulumi.prod.yaml", "audit-logs:retentionMode"), finding.GetProperty("line").GetInt32());
        Assert.Equal("applied", json.RootElement.GetProperty("suppressions")[0].GetProperty("status").GetString());
        Assert.Equal(RuleCatalog.All.Count, json.RootElement.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task Output_file_gets_the_report_and_stdout_the_text_summary()
    {
        using var copy = Weakened();
        var file = copy.File("policy.sarif");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--format", "sarif", "--output", file);
        Assert.Equal(1, run.Exit);
        using var sarif = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Contains("policy: DENY: 1 denied", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(copy.Path, "*.tmp-*"));
    }

    [Fact]
    public async Task Unwritable_output_is_one_clear_error()
    {
        using var copy = ProjectCopy.Committed();
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--output", copy.File("no/such/folder/out.txt"));
        Assert.Equal(2, run.Exit);
        Assert.Contains("cannot write the report", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_command_lists_every_rule_with_its_reason()
    {
        var text = await CliRunner.RunAsync("policy", "rules");
        Assert.Equal(0, text.Exit);
        foreach (var rule in RuleCatalog.All.Select(r => r.Info))
        {
            Assert.Contains($"{rule.Id} {rule.Severity.ToString().ToLowerInvariant(),-4} [{rule.EnvironmentsText}] {rule.Name}", text.Output, StringComparison.Ordinal);
        }

        var json = await CliRunner.RunAsync("policy", "rules", "--format", "json");
        using var document = JsonDocument.Parse(json.Output);
        Assert.All(document.RootElement.EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
    }

    [Fact]
    public void Every_rule_is_documented()
    {
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Info.Id).Distinct().Count());
        Assert.All(RuleCatalog.All.Select(r => r.Info), info =>
        {
            Assert.Matches("^AUDIT[0-9]{3}$", info.Id);
            Assert.True(info.Reason.Length > 80, $"{info.Id} explains why");
            Assert.NotEmpty(info.Environments);
            Assert.NotEmpty(info.Remedy);
        });
        Assert.True(RuleCatalog.All.Count(r => !r.Info.AppliesTo("dev")) >= 2, "prod is stricter than dev");
    }
}

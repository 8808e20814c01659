using System.Text.Json;
using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// Suppressions live in policy.yaml next to Pulumi.yaml. They need a reason; an expiry is optional; an expired one
/// stops suppressing and is reported; an unused one is reported; every suppressed finding stays in the report.
/// </summary>
public sealed class SuppressionTests
{
    private static ProjectCopy GovernanceProd(string policy)
    {
        var copy = ProjectCopy.Committed();
        copy.Set("Pulumi.prod.yaml", "config/audit-logs:retentionMode", "GOVERNANCE");
        copy.Write("policy.yaml", policy);
        return copy;
    }

    [Fact]
    public async Task Suppression_with_a_future_expiry_suppresses_and_is_reported()
    {
        using var copy = GovernanceProd("suppressions:\n  - rule: AUDIT002\n    stack: prod\n    reason: migration to COMPLIANCE tracked in OPS-123\n    expires: 2099-01-31\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "prod");
        Assert.True(run.Exit == 0, run.Output + run.Error);
        Assert.Contains("SUPPRESSED AUDIT002", run.Output, StringComparison.Ordinal);
        Assert.Contains("migration to COMPLIANCE tracked in OPS-123 (until 2099-01-31)", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 suppressed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_suppression_no_longer_suppresses_and_is_reported()
    {
        using var copy = GovernanceProd("suppressions:\n  - rule: AUDIT002\n    reason: temporary\n    expires: 2025-06-30\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "prod", "--format", "json");
        Assert.Equal(1, run.Exit);
        using var json = JsonDocument.Parse(run.Output);
        var suppression = Assert.Single(json.RootElement.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("expired", suppression.GetProperty("status").GetString());
        Assert.Equal("2025-06-30", suppression.GetProperty("expires").GetString());
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "AUDIT002");
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("suppressed").ValueKind);
        Assert.Equal("temporary", finding.GetProperty("expiredSuppression").GetProperty("reason").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("expiredSuppressions").GetInt32());
    }

    [Fact]
    public async Task Expired_suppression_is_reported_in_text()
    {
        using var copy = GovernanceProd("suppressions:\n  - rule: AUDIT002\n    reason: temporary\n    expires: 2025-06-30\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "prod");
        Assert.Equal(1, run.Exit);
        Assert.Contains("DENY       AUDIT002", run.Output, StringComparison.Ordinal);
        Assert.Contains("expired on 2025-06-30", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppression_without_expiry_suppresses_and_says_so()
    {
        using var copy = GovernanceProd("suppressions:\n  - rule: AUDIT002\n    stack: prod\n    resource: auditPipeline\n    reason: accepted by the CISO\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "prod");
        Assert.True(run.Exit == 0, run.Output + run.Error);
        Assert.Contains("accepted by the CISO (no expiry)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppression_for_another_stack_or_resource_does_not_apply()
    {
        using var copy = GovernanceProd("suppressions:\n  - rule: AUDIT002\n    stack: dev\n    reason: wrong stack\n  - rule: AUDIT002\n    resource: someOtherResource\n    reason: wrong resource\n");
        var report = Checks.Run(copy.Path, "prod");
        Assert.False(report.Passes);
        Assert.All(report.Suppressions, u => Assert.Equal(Evaluation.SuppressionStatus.Unused, u.Status));
    }

    [Fact]
    public async Task Unused_suppression_is_reported()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("policy.yaml", "suppressions:\n  - rule: AUDIT010\n    reason: old exception\n    expires: 2099-01-01\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path);
        Assert.Equal(0, run.Exit);
        Assert.Contains("suppression AUDIT010 at", run.Output, StringComparison.Ordinal);
        Assert.Contains("matched nothing", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("suppressions:\n  - rule: AUDIT002\n    expires: 2099-01-01\n", "policy.yaml:2:", "needs a 'reason'")]
    [InlineData("suppressions:\n  - rule: AUDIT999\n    reason: x\n", "policy.yaml:2:", "no rule with id 'AUDIT999'")]
    [InlineData("suppressions:\n  - rule: AUDIT002\n    reason: x\n    expires: next year\n", "policy.yaml:4:", "must be a date")]
    [InlineData("minimumRetentionDays:\n  prod: a year\n", "policy.yaml:2:", "positive whole number")]
    [InlineData("suppresions: []\n", "policy.yaml:1:", "unknown key 'suppresions'")]
    public async Task Malformed_policy_file_is_an_input_error(string policy, string where, string problem)
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("policy.yaml", policy);
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path);
        Assert.Equal(2, run.Exit);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(where, line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimum_retention_is_configurable_per_environment()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("policy.yaml", "minimumRetentionDays:\n  prod: 500\n  dev: 7\n");
        var report = Checks.Run(copy.Path);
        Assert.Equal(["AUDIT004"], report.DeniedIds());
        Assert.Equal(2, report.Findings.Count(f => f.Rule.Id == "AUDIT004"));
        Assert.Contains(report.Findings, f => f.Violation.Message.Contains("at least 500 days", StringComparison.Ordinal));
    }

    [Fact]
    public void Stacks_can_be_mapped_to_an_environment()
    {
        using var copy = ProjectCopy.Committed();
        File.Copy(copy.File("Pulumi.dev.yaml"), copy.File("Pulumi.prod-eu.yaml"));
        copy.Write("policy.yaml", "environments:\n  prod-eu: prod\n");
        var report = Checks.Run(copy.Path, "prod-eu");
        Assert.Contains("AUDIT002", report.DeniedIds());
        Assert.Contains("AUDIT004", report.DeniedIds());
    }
}

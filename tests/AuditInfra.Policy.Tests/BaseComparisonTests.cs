using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// --base DIR compares the program and stack files with those of the base branch's checkout, so a lowered
/// retention is denied on a pull request even without a preview (e.g. from a fork, without secrets).
/// </summary>
public sealed class BaseComparisonTests
{
    private static Evaluation.PolicyReport Compare(Action<ProjectCopy> change)
    {
        using var baseCopy = ProjectCopy.Committed();
        using var head = ProjectCopy.Committed();
        change(head);
        return Checks.Run(head.Path, baseDirectory: baseCopy.Path);
    }

    [Fact]
    public void Unchanged_retention_passes()
    {
        var report = Compare(_ => { });
        Assert.True(report.Passes, report.Describe());
    }

    [Fact]
    public void Lowered_days_are_denied_at_the_stack_file_line()
    {
        var report = Compare(c => c.Set("Pulumi.prod.yaml", "config/audit-logs:retentionDays", "370"));
        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "AUDIT005");
        Assert.Equal("prod", finding.Stack);
        Assert.Contains("400 days to 370 days", finding.Violation.Message, StringComparison.Ordinal);
        Assert.EndsWith("Pulumi.prod.yaml", finding.Violation.Location.File, StringComparison.Ordinal);
        Assert.Equal(["AUDIT005"], report.DeniedIds());
    }

    [Fact]
    public void Days_changed_to_fewer_years_are_denied_and_more_years_pass()
    {
        Assert.Contains("AUDIT005", Compare(c => c.Set("Pulumi.yaml", "resources/auditPipeline/properties/retention", "{mode: COMPLIANCE, years: 1}")).DeniedIds());
        Assert.DoesNotContain("AUDIT005", Compare(c => c.Set("Pulumi.yaml", "resources/auditPipeline/properties/retention", "{mode: '${retentionMode}', years: 2}")).Ids());
    }

    [Fact]
    public void Raised_days_pass()
    {
        Assert.True(Compare(c => c.Set("Pulumi.prod.yaml", "config/audit-logs:retentionDays", "800")).Passes);
    }

    [Fact]
    public void A_stack_new_on_this_branch_has_nothing_to_compare_and_says_so()
    {
        using var baseCopy = ProjectCopy.Committed();
        using var head = ProjectCopy.Committed();
        File.Copy(head.File("Pulumi.prod.yaml"), head.File("Pulumi.prod2.yaml"));
        var report = Checks.Run(head.Path, baseDirectory: baseCopy.Path);
        Assert.Contains(report.Notes, n => n.Contains("stack prod2 is new", StringComparison.Ordinal));
    }
}

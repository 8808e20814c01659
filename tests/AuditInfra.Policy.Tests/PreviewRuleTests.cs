using System.Text.Json.Nodes;
using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// The rules over the JSON of `pulumi preview --json --show-sames`, where the component's children appear as
/// the engine registers them. The prod fixture is a stack with nothing to change; each test changes one step.
/// </summary>
public sealed class PreviewRuleTests
{
    private static Evaluation.PolicyReport CheckPreview(PreviewFixture preview)
    {
        using var copy = ProjectCopy.Committed();
        return Checks.Run(copy.Path, "prod", null, preview.WriteTo(copy.Path));
    }

    private static IEnumerable<Evaluation.Finding> FromPreview(Evaluation.PolicyReport report) =>
        report.Findings.Where(f => f.Source == Model.ViewSource.Preview);

    [Fact]
    public void Unchanged_prod_preview_passes()
    {
        var report = CheckPreview(PreviewFixture.Load("prod"));
        Assert.True(report.Passes, report.Describe());
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void First_deployment_preview_with_unknown_ids_passes()
    {
        using var copy = ProjectCopy.Committed();
        var report = Checks.Run(copy.Path, "dev", null, PreviewFixture.Load("dev").WriteTo(copy.Path));
        Assert.True(report.Passes, report.Describe());
        Assert.Equal(["AUDIT003"], FromPreview(report).Select(f => f.Rule.Id).Distinct());
    }

    [Theory]
    [InlineData("auditPipeline-bucket", "replace")]
    [InlineData("auditPipeline-bucket", "delete-replaced")]
    [InlineData("auditPipeline-destination", "replace")]
    [InlineData("auditPipeline-audit-stream", "delete")]
    [InlineData("auditPipeline-lke-stream", "replace")]
    public void Deleting_or_replacing_an_audit_resource_is_denied(string step, string op)
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Change(step, s =>
        {
            s["op"] = op;
            if (op == "delete")
            {
                s.Remove("newState");
            }
        }));
        var finding = Assert.Single(FromPreview(report), f => f.Rule.Id == "AUDIT013");
        Assert.Contains(step, finding.Violation.Message, StringComparison.Ordinal);
        Assert.EndsWith("Pulumi.yaml", finding.Violation.Location.File, StringComparison.Ordinal);
        Assert.True(finding.Violation.Location.Line > 0, "points at the component's line in Pulumi.yaml");
    }

    [Fact]
    public void Replacing_a_key_is_not_a_delete_of_the_trail()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Change("auditPipeline-reader-key", s => s["op"] = "replace"));
        Assert.DoesNotContain("AUDIT013", report.Ids());
    }

    [Fact]
    public void Lowered_retention_in_the_preview_is_denied()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Update(
            "auditPipeline-bucket",
            before: inputs => inputs["retention"]!["days"] = 730,
            after: inputs => inputs["retention"]!["days"] = 400));
        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "AUDIT005");
        Assert.Contains("730 days to 400 days", finding.Violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raised_retention_in_the_preview_passes()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Update(
            "auditPipeline-bucket",
            before: inputs => inputs["retention"]!["days"] = 365,
            after: inputs => inputs["retention"] = new JsonObject { ["mode"] = "COMPLIANCE", ["years"] = 2 }));
        Assert.True(report.Passes, report.Describe());
    }

    [Fact]
    public void Compliance_to_governance_is_a_lowering()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Update(
            "auditPipeline-bucket",
            before: _ => { },
            after: inputs => inputs["retention"]!["mode"] = "GOVERNANCE"));
        Assert.Contains("AUDIT005", FromPreview(report).Select(f => f.Rule.Id));
        Assert.Contains("AUDIT002", FromPreview(report).Select(f => f.Rule.Id));
    }

    [Fact]
    public void Unprotected_component_leaves_its_children_unprotected()
    {
        // The provider passes the component's protect on to its children, so dropping it drops theirs too.
        var preview = PreviewFixture.Load("prod");
        foreach (var step in new[] { "auditPipeline", "auditPipeline-bucket", "auditPipeline-destination-key", "auditPipeline-destination", "auditPipeline-audit-stream", "auditPipeline-lke-stream", "auditPipeline-reader-key" })
        {
            preview.Change(step, s =>
            {
                s["newState"]!.AsObject().Remove("protect");
                s["oldState"]!.AsObject().Remove("protect");
            });
        }

        var report = CheckPreview(preview);
        Assert.Equal(4, FromPreview(report).Count(f => f.Rule.Id == "AUDIT014"));
    }

    [Fact]
    public void A_child_unprotected_under_a_protected_component_counts_as_protected()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Change("auditPipeline-bucket", s => s["newState"]!.AsObject().Remove("protect")));
        Assert.DoesNotContain("AUDIT014", report.Ids());
    }

    [Fact]
    public void Writer_key_reaching_a_second_bucket_is_denied()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Change("auditPipeline-destination-key", s =>
            s["newState"]!["inputs"]!["bucketAccesses"]!.AsArray().Add(new JsonObject { ["bucketName"] = "billing", ["region"] = "us-ord", ["permissions"] = "read_write" })));
        Assert.Equal(["AUDIT010"], FromPreview(report).Select(f => f.Rule.Id).Distinct());
    }

    [Fact]
    public void Reader_key_that_can_write_is_denied()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Change("auditPipeline-reader-key", s =>
            s["newState"]!["inputs"]!["bucketAccesses"]![0]!["permissions"] = "read_write"));
        Assert.Equal(["AUDIT011"], FromPreview(report).Select(f => f.Rule.Id).Distinct());
    }

    [Fact]
    public void Enterprise_cluster_missing_from_the_lke_stream_is_denied()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Change("auditPipeline-lke-stream", s =>
            s["newState"]!["inputs"]!["details"]!["clusterIds"] = new JsonArray(99999)));
        Assert.Equal(["AUDIT009"], FromPreview(report).Select(f => f.Rule.Id).Distinct());
    }

    [Fact]
    public void Inactive_audit_stream_is_denied()
    {
        var report = CheckPreview(PreviewFixture.Load("prod").Change("auditPipeline-audit-stream", s => s["newState"]!["inputs"]!["status"] = "inactive"));
        Assert.Contains("AUDIT006", FromPreview(report).Select(f => f.Rule.Id));
    }

    [Fact]
    public void Preview_without_show_sames_skips_the_counting_rules_and_says_so()
    {
        var preview = PreviewFixture.Load("prod");
        var steps = preview.Document["steps"]!.AsArray();
        // What `pulumi preview --json` prints without --show-sames: only the changed step, same still counted.
        var changed = preview.Step("auditPipeline-reader-key");
        changed["op"] = "update";
        foreach (var step in steps.ToList().Where(s => s != changed))
        {
            steps.Remove(step);
        }

        preview.Document["changeSummary"] = new JsonObject { ["same"] = 11, ["update"] = 1 };
        var report = CheckPreview(preview);
        Assert.True(report.Passes, report.Describe());
        Assert.Contains(report.Notes, n => n.Contains("--show-sames", StringComparison.Ordinal));
    }
}

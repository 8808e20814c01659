using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// The rules over a program that writes the linode resources and the ObjectLockBucket directly (Fixtures/plain):
/// the compliant program passes every rule, and each change below breaks the rule named.
/// </summary>
public sealed class PlainResourceRuleTests
{
    private const string Program = "Pulumi.yaml";

    [Fact]
    public void Compliant_plain_program_passes_every_rule()
    {
        using var copy = ProjectCopy.Plain();
        var report = Checks.Run(copy.Path);
        Assert.Empty(report.Findings);
        Assert.True(report.Passes);
    }

    [Theory]
    [InlineData("AUDIT001", "resources/auditBucket/properties/retention", null)]
    [InlineData("AUDIT001", "resources/auditBucket/properties/retention/mode", "LEGAL_HOLD")]
    [InlineData("AUDIT001", "resources/auditBucket/properties/retention/years", "0")]
    [InlineData("AUDIT002", "resources/auditBucket/properties/retention/mode", "GOVERNANCE")]
    [InlineData("AUDIT004", "resources/auditBucket/properties/retention/years", "0.5")]
    [InlineData("AUDIT006", "resources/auditStream", null)]
    [InlineData("AUDIT006", "resources/auditStream/properties/status", "inactive")]
    [InlineData("AUDIT006", "resources/auditStream/properties/type", "lke_audit_logs")]
    [InlineData("AUDIT007", "resources/destination/properties/akamaiObjectStorageDetails/bucketName", "some-unlocked-bucket")]
    [InlineData("AUDIT007", "resources/destination/properties/type", "custom_https")]
    [InlineData("AUDIT007", "resources/auditStream/properties/destinations", "[4711]")]
    [InlineData("AUDIT008", "resources/cluster/properties/controlPlane/auditLogsEnabled", "false")]
    [InlineData("AUDIT008", "resources/cluster/properties/controlPlane", "{highAvailability: true}")]
    [InlineData("AUDIT009", "resources/lkeStream/properties/details/clusterIds", "[]")]
    [InlineData("AUDIT009", "resources/lkeStream/properties/status", "inactive")]
    [InlineData("AUDIT010", "resources/writerKey/properties/bucketAccesses", null)]
    [InlineData("AUDIT010", "resources/writerKey/properties/bucketAccesses", "[{bucketName: other, region: us-ord, permissions: read_write}]")]
    [InlineData("AUDIT010", "resources/destination/properties/akamaiObjectStorageDetails/accessKeyId", "E1XK0SOMEKEY")]
    [InlineData("AUDIT011", "resources/readerKey/properties/bucketAccesses", null)]
    [InlineData("AUDIT011", "resources/readerKey/properties/bucketAccesses", "[{bucketName: x, region: us-ord, permissions: read_write}]")]
    [InlineData("AUDIT012", "resources/destination/properties/akamaiObjectStorageDetails/accessKeySecret", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")]
    [InlineData("AUDIT014", "resources/auditBucket/options", null)]
    [InlineData("AUDIT014", "resources/lkeStream/options/protect", "false")]
    public void A_change_breaks_the_rule(string ruleId, string path, string? value)
    {
        using var copy = ProjectCopy.Plain();
        _ = value is null ? copy.Remove(Program, path) : copy.Set(Program, path, value);
        var report = Checks.Run(copy.Path);
        Assert.True(report.DeniedIds().Contains(ruleId), $"expected {ruleId}, got:\n{report.Describe()}");
        Assert.False(report.Passes);
        Assert.All(report.Findings.Where(f => f.Rule.Id == ruleId), f => Assert.True(f.Violation.Location.Line > 0, "findings point at a line"));
    }

    [Fact]
    public void Enterprise_cluster_is_covered_by_a_stream_that_adds_all_clusters()
    {
        using var copy = ProjectCopy.Plain();
        copy.Set(Program, "resources/lkeStream/properties/details", "{isAutoAddAllClustersEnabled: true}");
        Assert.DoesNotContain("AUDIT009", Checks.Run(copy.Path).Ids());
    }

    [Fact]
    public void Standard_cluster_needs_no_lke_stream_but_still_needs_audit_logs_enabled()
    {
        using var copy = ProjectCopy.Plain();
        copy.Set(Program, "resources/cluster/properties/tier", "standard").Remove(Program, "resources/lkeStream");
        var report = Checks.Run(copy.Path);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Plaintext_secret_in_a_stack_file_points_at_its_line()
    {
        using var copy = ProjectCopy.Plain();
        copy.Write("Pulumi.prod.yaml", "config:\n  plain-audit:bucketName: acme-plain-audit-prod\n  linode:token: 0123456789abcdef\n");
        var finding = Assert.Single(Checks.Run(copy.Path).Findings);
        Assert.Equal("AUDIT012", finding.Rule.Id);
        Assert.EndsWith("Pulumi.prod.yaml", finding.Violation.Location.File, StringComparison.Ordinal);
        Assert.Equal(3, finding.Violation.Location.Line);
        Assert.DoesNotContain("0123456789abcdef", finding.Violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_declared_secret_must_be_secure_whatever_its_name()
    {
        using var copy = ProjectCopy.Plain();
        copy.Set(Program, "config/webhook", "{type: string, secret: true}");
        copy.Write("Pulumi.prod.yaml", "config:\n  plain-audit:bucketName: acme-plain-audit-prod\n  plain-audit:webhook: https://hooks.example/abc\n");
        Assert.Equal(["AUDIT012"], Checks.Run(copy.Path).DeniedIds());
    }

    [Fact]
    public void Secure_values_and_references_to_secret_config_are_fine()
    {
        using var copy = ProjectCopy.Plain();
        copy.Set(Program, "config/writerSecret", "{type: string, secret: true}")
            .Set(Program, "resources/destination/properties/akamaiObjectStorageDetails/accessKeySecret", "${writerSecret}");
        copy.Write("Pulumi.prod.yaml", "config:\n  plain-audit:bucketName: b\n  plain-audit:writerSecret:\n    secure: v1:abc\n  linode:token:\n    secure: v1:def\n");
        Assert.DoesNotContain("AUDIT012", Checks.Run(copy.Path).Ids());
    }
}

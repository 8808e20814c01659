using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>AUDIT017 sealer-key-separate over the plain program (Fixtures/plain) with a sealer key added.</summary>
public sealed class SealerKeyRuleTests
{
    private const string Program = "Pulumi.yaml";
    private const string SealerKey =
        "{type: 'linode:ObjectStorageKey', properties: {label: acme-audit-logs-sealer, bucketAccesses: [{bucketName: '${auditBucket.bucketName}', region: '${region}', permissions: read_write}]}}";

    [Fact]
    public void A_separate_bucket_limited_sealer_key_passes_every_rule_though_it_can_write()
    {
        using var copy = ProjectCopy.Plain();
        copy.Set(Program, "resources/sealerKey", SealerKey);
        var report = Checks.Run(copy.Path);
        Assert.True(report.Passes, report.Describe());
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void A_destination_writing_with_the_sealer_key_is_denied()
    {
        using var copy = ProjectCopy.Plain();
        copy.Set(Program, "resources/sealerKey", SealerKey)
            .Set(Program, "resources/destination/properties/akamaiObjectStorageDetails/accessKeyId", "${sealerKey.accessKey}")
            .Set(Program, "resources/destination/properties/akamaiObjectStorageDetails/accessKeySecret", "${sealerKey.secretKey}");
        var report = Checks.Run(copy.Path);
        Assert.Contains("AUDIT017", report.DeniedIds());
        Assert.Contains(report.Findings, f => f.Rule.Id == "AUDIT017" && f.Violation.Message.Contains("a logs destination writes with it", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unlimited_sealer_key_is_denied()
    {
        using var copy = ProjectCopy.Plain();
        copy.Set(Program, "resources/sealerKey", SealerKey).Remove(Program, "resources/sealerKey/properties/bucketAccesses");
        Assert.Contains("AUDIT017", Checks.Run(copy.Path).DeniedIds());
    }
}

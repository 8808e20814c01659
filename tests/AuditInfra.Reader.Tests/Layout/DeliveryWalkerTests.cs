using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Layout;

public class DeliveryWalkerTests
{
    [Fact]
    public async Task Lists_only_days_in_range_and_finds_every_partition_and_stray()
    {
        using var dir = new TempDirectory("walker");
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/10/31/akamai_log-000001-1793491200-000001-config.gz", Gz.CloudEvent("a"));
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-000001-1793577600-000001-config.gz", Gz.CloudEvent("b"));
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/11/02/akamai_log-000001-1793664000-000001-login.gz", Gz.CloudEvent("c"));
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/11/02/extra/file.gz", "x");
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2025/01/01/akamai_log-000001-1735689600-000001-config.gz", Gz.CloudEvent("old"));
        Gz.WriteFile(dir.Path, "lke_audit_logs/com.akamai.audit/ACC/lke77/2026/11/01/akamai_log-000001-1793577600-000001-k8s.gz", Gz.K8sEvent("k"));
        Gz.WriteFile(dir.Path, "cloud-logs-test-connection-1793577600", string.Empty);
        Gz.WriteFile(dir.Path, "backup/old.gz", "x");

        await using var source = new FolderLogSource(dir.Path);
        var walker = new DeliveryWalker(source, new DeliveryLayout());
        var items = new List<DeliveryObject>();
        await foreach (var item in walker.WalkAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)))
        {
            items.Add(item);
        }

        var keys = items.ToDictionary(i => i.Key.Key, i => i.Key.Kind);
        Assert.Equal(KeyKind.Delivery, keys["audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-000001-1793577600-000001-config.gz"]);
        Assert.Equal(KeyKind.Delivery, keys["audit_logs/com.akamai.audit/ACC/2026/11/02/akamai_log-000001-1793664000-000001-login.gz"]);
        Assert.Equal(KeyKind.Delivery, keys["lke_audit_logs/com.akamai.audit/ACC/lke77/2026/11/01/akamai_log-000001-1793577600-000001-k8s.gz"]);
        Assert.Equal(KeyKind.Unexpected, keys["audit_logs/com.akamai.audit/ACC/2026/11/02/extra/file.gz"]);
        Assert.Equal(KeyKind.Unexpected, keys["backup/old.gz"]);
        Assert.Equal(KeyKind.Probe, keys["cloud-logs-test-connection-1793577600"]);
        Assert.DoesNotContain(keys.Keys, k => k.Contains("2026/10/31", StringComparison.Ordinal) || k.Contains("2025/", StringComparison.Ordinal));
        Assert.Equal(7 - 1, items.Count);
        Assert.Equal(2, walker.Partitions.Count);
        Assert.Contains(walker.Partitions, p => p.Cluster == "lke77" && p.Account == "ACC");
    }
}

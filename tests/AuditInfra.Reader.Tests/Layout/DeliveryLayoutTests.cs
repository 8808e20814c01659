using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Tests.Layout;

public class DeliveryLayoutTests
{
    private const string Account = "BED02C05-67D6-4FAA-BC8BB63BB77C1197";
    private readonly DeliveryLayout _default = new();

    [Fact]
    public void Default_config_key_is_a_delivery()
    {
        var key = _default.Parse($"audit_logs/com.akamai.audit/{Account}/2026/05/13/akamai_log-691746-1778672305-372420-config.gz");
        Assert.Equal(KeyKind.Delivery, key.Kind);
        Assert.Equal(new DateOnly(2026, 5, 13), key.Day);
        Assert.Equal(LogCategory.Config, key.Category);
        Assert.Equal(1778672305, key.FileTimestamp);
        Assert.Equal(new DeliveryPartition(StreamType.AuditLogs, Account, null) { Prefix = $"audit_logs/com.akamai.audit/{Account}/" }, key.Partition);
    }

    [Fact]
    public void Lke_key_carries_its_cluster_partition()
    {
        var key = _default.Parse($"lke_audit_logs/com.akamai.audit/{Account}/lke12345/2026/11/02/akamai_log-000001-1793577600-000002-k8s.gz");
        Assert.Equal(KeyKind.Delivery, key.Kind);
        Assert.Equal(LogCategory.Kubernetes, key.Category);
        Assert.Equal("lke12345", key.Partition!.Cluster);
        Assert.Equal(StreamType.LkeAuditLogs, key.Partition.Stream);
    }

    [Theory]
    [InlineData("cloud-logs-test-connection-1778672305", KeyKind.Probe)]
    [InlineData("logs/", KeyKind.FolderMarker)]
    [InlineData("notes.txt", KeyKind.Unexpected)]
    [InlineData("audit_logs/com.akamai.audit/A/2026/11/01/akamai_log-000001-1793577600-000002-k8s.gz", KeyKind.Unexpected)]
    [InlineData("audit_logs/com.akamai.audit/A/2026/13/01/akamai_log-000001-1793577600-000002-config.gz", KeyKind.Unexpected)]
    [InlineData("audit_logs/com.akamai.audit/A/2026/02/30/akamai_log-000001-1793577600-000002-config.gz", KeyKind.Unexpected)]
    [InlineData("audit_logs/com.akamai.audit/A/2026/11/01/akamai_log-1-1793577600-000002-config.gz", KeyKind.Unexpected)]
    [InlineData("audit_logs/com.akamai.audit/A/2026/11/01/copy of akamai_log-000001-1793577600-000002-config.gz", KeyKind.Unexpected)]
    [InlineData("audit_logs/com.akamai.audit/A/2026/11/01/ünïcode.gz", KeyKind.Unexpected)]
    [InlineData("lke_audit_logs/com.akamai.audit/A/cluster1/2026/11/01/akamai_log-000001-1793577600-000002-k8s.gz", KeyKind.Unexpected)]
    [InlineData("audit_logs/com.akamai.audit/A/2026/11/01/akamai_log-000001-1793577600-000002-login.gz", KeyKind.Delivery)]
    public void Keys_are_classified(string key, KeyKind kind)
    {
        var parsed = _default.Parse(key, key.EndsWith('/') ? 0 : 10);
        Assert.Equal(kind, parsed.Kind);
        if (kind == KeyKind.Unexpected)
        {
            Assert.False(string.IsNullOrEmpty(parsed.Reason));
        }
    }

    [Fact]
    public void Custom_path_files_take_their_day_from_the_file_timestamp()
    {
        var layout = new DeliveryLayout("/audit/prod/");
        var key = layout.Parse("audit/prod/akamai_log-000001-1793491200-000002-config.gz");
        Assert.Equal(KeyKind.Delivery, key.Kind);
        Assert.Equal(new DateOnly(2026, 11, 1), key.Day);
        Assert.Equal(KeyKind.Probe, layout.Parse("audit/prod/cloud-logs-test-connection-1").Kind);
        Assert.Equal(KeyKind.Unexpected, layout.Parse("other/akamai_log-000001-1793577600-000002-config.gz").Kind);
    }
}

using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using Xunit.Abstractions;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Sync;

/// <summary>sync against a real RGW bucket: backfill, late objects, nothing twice (kills and faults: <see cref="SyncFaultTests"/>).</summary>
public class RgwSyncTests
{
    private readonly ITestOutputHelper _log;

    public RgwSyncTests(ITestOutputHelper log)
    {
        _log = log;
        RgwEnvironment.Ensure();
    }

    [Fact]
    public async Task Sync_from_a_bucket_collects_new_and_late_objects_once()
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("investigation-sync");
        await Sample.Build().UploadAsync(bucket);
        using var dir = new TempDirectory("rgw-sync");
        var output = dir.Combine("out.jsonl");
        string[] args = ["sync", "--source", $"s3://{bucket}", "--endpoint", S3TestServer.Instance.Endpoint, "--output", output, "--checkpoint", dir.Combine("cp.json")];

        var (exit, _, error) = await CliRunner.RunAsync([.. args, "--since", "2026-11-01"]);
        Assert.True(exit == 3, error); // the sample's bad line is quarantined
        Assert.Equal(12, SyncTests.OutputIds(output).Length);

        using (var client = S3TestServer.Instance.CreateClient())
        {
            await UploadObjectAsync(client, bucket, ConfigKey(Sample.Day2, 700), [Config("late-rgw", Sample.At(Sample.Day2, 22, 0), "delete-firewall")]);
        }

        (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.True(exit == 0, error);
        Assert.Contains("1 new object(s), 1 record(s) written", error, StringComparison.Ordinal);
        (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.Contains("0 new object(s)", error, StringComparison.Ordinal);
        var ids = SyncTests.OutputIds(output);
        Assert.Equal(13, ids.Length);
        Assert.Equal(13, ids.Distinct().Count());
    }
}

using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using Xunit.Abstractions;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Sync;

/// <summary>sync against a real RGW bucket: backfill, late objects, nothing twice, and the kill-and-restart test.</summary>
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
        Assert.True(exit == 0, error);
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

    [Fact]
    public async Task Killed_mid_run_against_a_bucket_it_loses_nothing_and_writes_nothing_twice()
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("investigation-sync-kill");
        await SyncCrashTests.BigDelivery().UploadAsync(bucket);
        using var dir = new TempDirectory("rgw-sync-kill");
        var output = dir.Combine("siem.jsonl");
        string[] args = ["sync", "--source", $"s3://{bucket}", "--endpoint", S3TestServer.Instance.Endpoint, "--since", "2026-11-01", "--output", output, "--checkpoint", dir.Combine("cp.json")];
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = S3TestServer.Instance.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3TestServer.Instance.SecretKey,
        };

        var kills = await SyncCrashTests.SyncUntilDoneWithKillsAsync(args, output, environment);
        _log.WriteLine($"RGW: killed {kills} time(s) before a run finished");

        Assert.True(kills >= 3, $"only {kills} kill(s)");
        SyncCrashTests.AssertExactlyOnce(output);
    }
}

using System.Diagnostics;
using System.Text.Json;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using Xunit.Abstractions;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Sync;

/// <summary>Tests that take the shared RGW down: they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RgwOutageCollection
{
    public const string Name = "RGW outage (runs alone)";
}

/// <summary>
/// verify while the S3 endpoint goes away: the real radosgw is killed mid-run and started again, and (a second case)
/// the endpoint dies after listing and never comes back. The run completes with the right counts or ends with the
/// documented exit code; never a wrong "complete and valid", never corrupt_object for an object it could not fetch.
/// </summary>
[Collection(RgwOutageCollection.Name)]
public class RgwOutageTests
{
    private const int Objects = 40;
    private const int RecordsPerObject = 50;
    private readonly ITestOutputHelper _log;

    public RgwOutageTests(ITestOutputHelper log)
    {
        _log = log;
        RgwEnvironment.Ensure();
    }

    [Fact]
    public async Task Radosgw_killed_mid_verify_and_restarted_gives_the_right_counts_or_an_honest_exit()
    {
        var bucket = await UploadAsync("verify-outage");
        await using var proxy = await FaultProxy.StartAsync(S3TestServer.Instance.Endpoint);
        // Slow every object read a little, so the outage falls in the middle of the run.
        proxy.Add(new FaultRule { Kind = FaultKind.Slow, Times = int.MaxValue, Delay = TimeSpan.FromMilliseconds(150) });
        using var verify = StartVerify(bucket, proxy.Endpoint);

        await Poll.UntilAsync(() => proxy.Requests >= 8 || verify.HasExited, TimeSpan.FromSeconds(60), "verify to start reading objects");
        Assert.False(verify.HasExited, "verify finished before the outage");
        await RgwGateway.StopAsync();
        var outage = Stopwatch.StartNew();
        try
        {
            // The outage lasts while verify is still running and retrying, up to 3 s (a fault of chosen length, not a wait for a result).
            await Poll.UntilAsync(() => verify.HasExited || outage.Elapsed > TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), "the outage to last");
        }
        finally
        {
            await RgwGateway.StartAsync();
        }

        var (exit, report, error) = await FinishAsync(verify);
        _log.WriteLine($"radosgw down {outage.Elapsed.TotalSeconds:0.0} s mid-verify: exit {exit}; {error.Trim()}");
        AssertHonest(exit, report, error);
    }

    [Fact]
    public async Task An_endpoint_that_dies_after_listing_is_one_access_error_not_corrupt_objects()
    {
        var bucket = await UploadAsync("verify-dies");
        await using var proxy = await FaultProxy.StartAsync(S3TestServer.Instance.Endpoint);
        proxy.Add(new FaultRule { Kind = FaultKind.Slow, Times = int.MaxValue, Delay = TimeSpan.FromMilliseconds(150) });
        using var verify = StartVerify(bucket, proxy.Endpoint);
        await Poll.UntilAsync(() => proxy.Requests >= 8 || verify.HasExited, TimeSpan.FromSeconds(60), "verify to start reading objects");
        Assert.False(verify.HasExited, "verify finished before the endpoint died");
        await proxy.StopAsync();

        var (exit, report, error) = await FinishAsync(verify);
        _log.WriteLine($"endpoint gone after listing: exit {exit}; {error.Trim()}");
        Assert.Equal(2, exit);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not answering", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, report); // nothing on stdout: no report that could be read as a verdict
    }

    /// <summary>Exit 0 only with every object and record counted; otherwise 2 (one line) or 3 (unreadable_object); never corrupt_object.</summary>
    private static void AssertHonest(int exit, string report, string error)
    {
        if (report.Length > 0)
        {
            var kinds = JsonDocument.Parse(report).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString());
            Assert.DoesNotContain("corrupt_object", kinds);
        }

        switch (exit)
        {
            case 0:
                var summary = JsonDocument.Parse(report).RootElement.GetProperty("summary");
                Assert.Equal(Objects, summary.GetProperty("objects").GetInt64());
                Assert.Equal(Objects * RecordsPerObject, summary.GetProperty("records").GetInt64());
                break;
            case 2:
                Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                break;
            case 3:
                var findings = JsonDocument.Parse(report).RootElement.GetProperty("findings").EnumerateArray().ToList();
                Assert.NotEmpty(findings);
                Assert.All(findings, f => Assert.Equal("unreadable_object", f.GetProperty("kind").GetString()));
                break;
            default:
                Assert.Fail($"exit {exit} is not in the contract here: {error}");
                break;
        }
    }

    private static async Task<string> UploadAsync(string purpose)
    {
        var delivery = new DeliveryBuilder();
        for (var o = 0; o < Objects; o++)
        {
            var day = Sample.Day1.AddDays(o % 2);
            delivery.Add(ConfigKey(day, o + 1), [.. Enumerable.Range(0, RecordsPerObject).Select(i => Config($"v{o}-{i}", Sample.At(day, 3, 0).AddSeconds(i), "post-linode-instance"))]);
        }

        var bucket = await S3TestServer.Instance.CreateBucketAsync(purpose);
        await delivery.UploadAsync(bucket);
        return bucket;
    }

    /// <summary>A verify child process whose output is read as it comes (a full pipe would stall it).</summary>
    private sealed class VerifyRun(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public Task<string> Out { get; } = process.StandardOutput.ReadToEndAsync();

        public Task<string> Err { get; } = process.StandardError.ReadToEndAsync();

        public bool HasExited => Process.HasExited;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }

    private static VerifyRun StartVerify(string bucket, string endpoint)
    {
        var start = BuiltCli.StartInfo(["verify", "--source", $"s3://{bucket}", "--endpoint", endpoint, "--from", "2026-11-01", "--to", "2026-11-02", "--format", "json", "--parallelism", "2"]);

        start.Environment["AWS_ACCESS_KEY_ID"] = S3TestServer.Instance.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = S3TestServer.Instance.SecretKey;
        start.Environment["AUDITINFRA_S3__MAXRETRIES"] = "3";
        return new VerifyRun(Process.Start(start)!);
    }

    private static async Task<(int Exit, string Out, string Err)> FinishAsync(VerifyRun verify)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await verify.Process.WaitForExitAsync(deadline.Token);
        return (verify.Process.ExitCode, await verify.Out, await verify.Err);
    }
}

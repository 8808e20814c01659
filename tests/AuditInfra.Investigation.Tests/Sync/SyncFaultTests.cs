using System.Diagnostics;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using Xunit.Abstractions;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Sync;

/// <summary>
/// sync's guarantee against the real Ceph RGW: the built CLI runs as a child process, is killed (SIGKILL) at 20 and more
/// points the test chooses and restarted until a run completes, with and without faults injected by a proxy (503, 500,
/// resets, slow answers, bodies that stall) between it and the RGW. The union of the outputs must equal the source,
/// record by record, each exactly once.
/// </summary>
public class SyncFaultTests
{
    private const int Objects = 32;
    private const int RecordsPerObject = 200;
    private readonly ITestOutputHelper _log;

    public SyncFaultTests(ITestOutputHelper log)
    {
        _log = log;
        RgwEnvironment.Ensure();
    }

    private static DeliveryBuilder Delivery()
    {
        var delivery = new DeliveryBuilder();
        for (var o = 0; o < Objects; o++)
        {
            var day = Sample.Day1.AddDays(o % 3);
            var lines = Enumerable.Range(0, RecordsPerObject)
                .Select(i => Config($"f{o}-r{i}", Sample.At(day, 1 + (o % 20), 0).AddSeconds(i), i % 4 == 0 ? "delete-volume" : "post-linode-instance", $"user{i % 13}"))
                .ToArray();
            delivery.Add(ConfigKey(day, o + 1), lines);
        }

        return delivery;
    }

    [Fact]
    public async Task Killed_at_many_points_without_faults_the_union_is_the_source_exactly_once()
    {
        var delivery = Delivery();
        var bucket = await S3TestServer.Instance.CreateBucketAsync("sync-kill-clean");
        await delivery.UploadAsync(bucket);
        await using var proxy = await FaultProxy.StartAsync(S3TestServer.Instance.Endpoint);
        using var dir = new TempDirectory("sync-kill-clean");
        var output = dir.Combine("siem.jsonl");

        var runs = await SyncWithKillsAsync(Args(bucket, proxy.Endpoint, dir, output), proxy);

        var compared = SyncCrashTests.AssertSameRecords(delivery, output);
        _log.WriteLine($"no faults: {runs.Kills} kill(s), {compared} record(s) compared");
        Assert.True(runs.Kills >= 20, $"only {runs.Kills} kill(s)");
    }

    [Fact]
    public async Task Killed_at_many_points_with_injected_faults_the_union_is_the_source_exactly_once()
    {
        var delivery = Delivery();
        var bucket = await S3TestServer.Instance.CreateBucketAsync("sync-kill-faults");
        await delivery.UploadAsync(bucket);
        await using var proxy = await FaultProxy.StartAsync(S3TestServer.Instance.Endpoint);
        // More failures than the retries (2) cover, for two objects (killed runs use some up too): they go to the retry
        // list and a later run collects them.
        proxy.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, PathContains = Key(5), Times = 9 });
        proxy.Add(new FaultRule { Kind = FaultKind.InternalError, PathContains = Key(11), Times = 9 });
        // Fewer than the retries cover: absorbed within the run.
        proxy.Add(new FaultRule { Kind = FaultKind.Reset, PathContains = Key(17), Times = 2 });
        proxy.Add(new FaultRule { Kind = FaultKind.StallBody, PathContains = Key(23), Times = 1, StallAfterBytes = 100 });
        proxy.Add(new FaultRule { Kind = FaultKind.StallBody, PathContains = Key(29), Times = 1, StallAfterBytes = 0 });
        proxy.Add(new FaultRule { Kind = FaultKind.Slow, Times = 10, Delay = TimeSpan.FromMilliseconds(400) });
        proxy.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Times = 6 });
        proxy.Add(new FaultRule { Kind = FaultKind.Reset, Times = 4 });
        // Listings too.
        proxy.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, ObjectReadsOnly = false, Times = 2 });
        using var dir = new TempDirectory("sync-kill-faults");
        var output = dir.Combine("siem.jsonl");

        var runs = await SyncWithKillsAsync(Args(bucket, proxy.Endpoint, dir, output), proxy);

        var compared = SyncCrashTests.AssertSameRecords(delivery, output);
        _log.WriteLine(
            $"faults: {runs.Kills} kill(s), {runs.LeftBehind} run(s) ended leaving objects to retry, {proxy.InjectedTotal} fault(s) injected " +
            $"({string.Join(", ", proxy.Injected.Select(k => $"{k.Key} {k.Value}"))}) in {proxy.Requests} request(s), {compared} record(s) compared");
        Assert.True(runs.Kills >= 20, $"only {runs.Kills} kill(s)");
        Assert.True(proxy.InjectedTotal >= 20, $"only {proxy.InjectedTotal} fault(s) were injected");
        Assert.False(File.Exists(output + ".quarantine.jsonl"), "a transport fault must never quarantine anything");
    }

    private static string Key(int n) => $"akamai_log-{n:D6}-";

    /// <summary>
    /// Runs sync in child processes until one completes (exit 0), killing each with SIGKILL at a point the test chooses:
    /// the first run at its first object read, later ones when they request the 1st (or every third run the 2nd) object no earlier run
    /// requested. The kill happens inside the proxy, before that request is answered, so the points are exact however
    /// busy the machine is; with read-ahead, the run is then also writing or checkpointing earlier objects. A run that
    /// ends with exit 3 left objects in its retry list and is started again, as a scheduler would.
    /// </summary>
    private static async Task<SyncCrashTests.SyncRuns> SyncWithKillsAsync(string[] args, FaultProxy proxy)
    {
        var runs = new SyncCrashTests.SyncRuns();
        var gate = new Lock();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Process? current = null;
        var killAt = 0;
        var killed = false;
        proxy.OnObjectRead = path =>
        {
            lock (gate)
            {
                // Requests of a run already killed do not count: each run moves the kill point by one or two objects.
                if (current is { } target && !killed && seen.Add(path) && seen.Count >= killAt)
                {
                    killed = true;
                    target.Kill();
                }
            }
        };

        for (var attempt = 0; attempt < 300; attempt++)
        {
            var start = BuiltCli.StartInfo(args);

            foreach (var (name, value) in Environment())
            {
                start.Environment[name] = value;
            }

            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            _ = child.StandardOutput.ReadToEndAsync();
            lock (gate)
            {
                current = child;
                killed = false;
                killAt = attempt == 0 ? 1 : seen.Count + 1 + (attempt % 3 == 2 ? 1 : 0);
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await child.WaitForExitAsync(deadline.Token);
            bool wasKilled;
            lock (gate)
            {
                current = null;
                wasKilled = killed;
            }

            var error = await stderr;
            if (wasKilled)
            {
                runs.Kills++;
                continue;
            }

            if (runs.Completed(child.ExitCode, error))
            {
                return runs;
            }
        }

        throw new InvalidOperationException("sync never finished");
    }

    private static string[] Args(string bucket, string endpoint, TempDirectory dir, string output) =>
        ["sync", "--source", $"s3://{bucket}", "--endpoint", endpoint, "--since", "2026-11-01", "--output", output, "--checkpoint", dir.Combine("cp.json")];

    private static Dictionary<string, string> Environment() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = S3TestServer.Instance.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = S3TestServer.Instance.SecretKey,
        ["AUDITINFRA_S3__MAXRETRIES"] = "2",
        ["AUDITINFRA_S3__READTIMEOUT"] = "00:00:01",
        ["AUDITINFRA_S3__RETRYBASEDELAY"] = "00:00:00.050",
    };
}

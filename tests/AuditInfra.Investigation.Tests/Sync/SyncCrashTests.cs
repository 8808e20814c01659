using System.Diagnostics;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using Xunit.Abstractions;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Sync;

/// <summary>
/// The real thing: the built CLI runs sync as a child process and is killed (SIGKILL) again and again while it
/// writes, then restarted, until a run finishes. The output must then hold every record exactly once.
/// </summary>
public class SyncCrashTests
{
    private readonly ITestOutputHelper _log;

    public SyncCrashTests(ITestOutputHelper log)
    {
        _log = log;
    }

    private const int Objects = 80;
    private const int RecordsPerObject = 2000;

    internal static DeliveryBuilder BigDelivery()
    {
        var delivery = new DeliveryBuilder();
        for (var o = 0; o < Objects; o++)
        {
            var day = Sample.Day1.AddDays(o % 4);
            var lines = Enumerable.Range(0, RecordsPerObject)
                .Select(i => Config($"obj{o}-rec{i}", Sample.At(day, 1 + (o % 20), 0).AddSeconds(i), i % 3 == 0 ? "delete-volume" : "post-linode-instance", $"user{i % 17}"))
                .ToArray();
            delivery.Add(ConfigKey(day, o + 1), lines);
        }

        return delivery;
    }

    internal static string CliPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "auditinfra.dll");
        Assert.True(File.Exists(path), $"the built CLI is missing at {path}");
        return path;
    }

    /// <summary>Runs sync in a child process, killing it each time the output has grown by a step, until a run ends by itself.</summary>
    internal static async Task<int> SyncUntilDoneWithKillsAsync(string[] syncArgs, string output, IDictionary<string, string>? environment = null)
    {
        var kills = 0;
        var step = 512 * 1024L;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(CliPath());
            foreach (var arg in syncArgs)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            var before = File.Exists(output) ? new FileInfo(output).Length : 0;
            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            _ = child.StandardOutput.ReadToEndAsync();
            // Kill points move: the first runs die early (even before the first checkpoint), later ones after more output.
            var killAt = attempt == 0 ? 0 : before + (step * (1 + (attempt % 3)));
            await WatchAsync(child, () => File.Exists(output) && new FileInfo(output).Length >= killAt);
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
                kills++;
                continue;
            }

            await child.WaitForExitAsync();
            Assert.True(child.ExitCode == 0, await stderr);
            return kills;
        }

        throw new InvalidOperationException("sync never finished");
    }

    /// <summary>
    /// Polls tightly (sync writes tens of MB in a fraction of a second) until the kill point is reached or the child
    /// ends, with a deadline. On a thread of its own: a timer continuation on the pool once came 700 ms late, and a
    /// whole run finished in between.
    /// </summary>
    private static Task WatchAsync(Process child, Func<bool> killPoint) => Task.Factory.StartNew(() =>
    {
        var deadline = Stopwatch.StartNew();
        while (!child.HasExited && !killPoint())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException("sync neither wrote nor finished within 120 s");
            }

            Thread.Sleep(1);
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [Fact]
    public async Task Killed_mid_run_and_restarted_it_loses_nothing_and_writes_nothing_twice()
    {
        using var dir = new TempDirectory("sync-crash");
        var source = dir.Combine("bucket");
        BigDelivery().WriteTo(source);
        var output = dir.Combine("siem.jsonl");
        string[] args = ["sync", "--source", source, "--since", "2026-11-01", "--output", output, "--checkpoint", dir.Combine("sync.json")];

        var kills = await SyncUntilDoneWithKillsAsync(args, output);
        _log.WriteLine($"folder: killed {kills} time(s) before a run finished");

        Assert.True(kills >= 3, $"only {kills} kill(s): the run finished before it could be interrupted");
        AssertExactlyOnce(output);
    }

    internal static void AssertExactlyOnce(string output)
    {
        var bytes = File.ReadAllBytes(output);
        Assert.Equal((byte)'\n', bytes[^1]);
        var ids = SyncTests.OutputIds(output);
        var expected = Enumerable.Range(0, Objects).SelectMany(o => Enumerable.Range(0, RecordsPerObject).Select(i => $"obj{o}-rec{i}")).ToHashSet();
        var duplicates = ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToArray();
        Assert.True(duplicates.Length == 0, "written twice: " + string.Join(", ", duplicates));
        Assert.Equal(expected.Count, ids.Length);
        Assert.True(expected.SetEquals(ids));
    }
}

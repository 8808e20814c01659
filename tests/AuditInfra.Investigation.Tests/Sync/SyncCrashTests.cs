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

    /// <summary>
    /// Runs sync in a child process, killing it (SIGKILL) each time the output has grown by a step, until a run ends by
    /// itself with exit 0. A run that ends with exit 3 left objects in its retry list (a fault outlived the retries):
    /// it is started again without a kill, as a scheduler would. The first run is killed as soon as its output exists
    /// (after listing, before the first checkpoint); later ones after one to three steps of new output.
    /// </summary>
    internal static async Task<SyncRuns> SyncUntilDoneWithKillsAsync(
        string[] syncArgs, string output, IDictionary<string, string>? environment = null, long step = 512 * 1024L)
    {
        var runs = new SyncRuns();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var start = BuiltCli.StartInfo(syncArgs);

            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            var before = File.Exists(output) ? new FileInfo(output).Length : 0;
            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            _ = child.StandardOutput.ReadToEndAsync();
            var killAt = attempt == 0 ? 0 : before + (step * (1 + (attempt % 3)));
            await WatchAsync(child, () => File.Exists(output) && new FileInfo(output).Length >= killAt);
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
                runs.Kills++;
                continue;
            }

            await child.WaitForExitAsync();
            var error = await stderr;
            if (runs.Completed(child.ExitCode, error))
            {
                return runs;
            }
        }

        throw new InvalidOperationException("sync never finished");
    }

    /// <summary>What it took to finish: runs killed, and runs that ended leaving objects to retry.</summary>
    internal sealed class SyncRuns
    {
        public int Kills { get; set; }

        public int LeftBehind { get; set; }

        /// <summary>
        /// How a run that was not killed ended: true when it completed (exit 0), false when it left objects in its retry
        /// list (exit 3, to be run again); anything else fails the test with the run's stderr.
        /// </summary>
        public bool Completed(int exitCode, string error)
        {
            if (exitCode == 3 && error.Contains("not read whole", StringComparison.Ordinal))
            {
                LeftBehind++;
                return false;
            }

            Assert.True(exitCode == 0, error);
            return true;
        }
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

        var kills = (await SyncUntilDoneWithKillsAsync(args, output)).Kills;
        _log.WriteLine($"folder: killed {kills} time(s) before a run finished");

        Assert.True(kills >= 3, $"only {kills} kill(s): the run finished before it could be interrupted");
        AssertExactlyOnce(output);
    }

    /// <summary>
    /// Record by record: the output's lines are exactly the source's lines, each once (verbatim, so a record written
    /// torn or altered fails too). Returns how many records were compared.
    /// </summary>
    internal static int AssertSameRecords(DeliveryBuilder source, string output)
    {
        var expected = source.Objects.SelectMany(o => o.Lines).ToList();
        var written = File.ReadAllLines(output);
        var twice = written.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key[..Math.Min(80, g.Key.Length)]).Take(3).ToArray();
        Assert.True(twice.Length == 0, "written more than once: " + string.Join(" | ", twice));
        var missing = expected.Except(written, StringComparer.Ordinal).Select(l => l[..Math.Min(80, l.Length)]).Take(3).ToArray();
        Assert.True(missing.Length == 0, $"{expected.Count - written.Length} record(s) missing, e.g. " + string.Join(" | ", missing));
        var foreign = written.Except(expected, StringComparer.Ordinal).Take(3).ToArray();
        Assert.True(foreign.Length == 0, "not in the source: " + string.Join(" | ", foreign));
        Assert.Equal(expected.Count, written.Length);
        return written.Length;
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

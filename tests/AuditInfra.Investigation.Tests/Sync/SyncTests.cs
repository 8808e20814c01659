using System.Text.Json;
using AuditInfra.Investigation.Reading;
using AuditInfra.Investigation.Sync;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Sync;

/// <summary>sync on a folder: backfill, nothing twice, late objects, redeliveries, what it lists, bad checkpoints.</summary>
public class SyncTests
{
    internal static string[] OutputIds(string path) => File.ReadAllLines(path)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(r => (r.TryGetProperty("id", out var id) ? id : r.GetProperty("auditID")).GetString()!)
        .ToArray();

    [Fact]
    public async Task Backfill_writes_every_record_verbatim_once_and_a_second_run_writes_nothing()
    {
        using var dir = new TempDirectory("sync");
        var source = dir.Combine("bucket");
        var delivery = Sample.Build();
        delivery.WriteTo(source);
        var output = dir.Combine("out.jsonl");
        var checkpoint = dir.Combine("sync.json");

        var (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--since", "2026-11-01", "--output", output, "--checkpoint", checkpoint);
        // The sample's bad line is quarantined, not delivered: the run says so and exits 3 (read incompletely).
        Assert.True(exit == 3, error);
        var quarantined = Assert.Single(File.ReadAllLines(output + ".quarantine.jsonl"));
        Assert.Contains("\"raw\":\"this line is not JSON\"", quarantined, StringComparison.Ordinal);
        Assert.Contains("\"line\":3", quarantined, StringComparison.Ordinal);
        Assert.Contains("1 line(s) or object(s) quarantined", error, StringComparison.Ordinal);
        Assert.Equal(Sample.AllInTimeOrder.Order(StringComparer.Ordinal), OutputIds(output).Order(StringComparer.Ordinal));
        var delivered = delivery.Objects.SelectMany(o => o.Lines).Where(l => l.StartsWith('{')).ToHashSet();
        Assert.All(File.ReadAllLines(output), line => Assert.Contains(line, delivered));
        Assert.Contains("6 new object(s), 12 record(s) written", error, StringComparison.Ordinal);
        Assert.Contains("skipped 1 malformed line(s)", error, StringComparison.Ordinal);

        var before = await File.ReadAllBytesAsync(output);
        (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--output", output, "--checkpoint", checkpoint);
        Assert.Equal(0, exit);
        Assert.Contains("0 new object(s), 0 record(s) written", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(output));

        using var saved = JsonDocument.Parse(await File.ReadAllTextAsync(checkpoint));
        Assert.Equal(before.Length, saved.RootElement.GetProperty("outputLength").GetInt64());
        Assert.Equal("2026-11-03", saved.RootElement.GetProperty("newestDay").GetString());
    }

    [Fact]
    public async Task Late_objects_new_objects_and_redelivered_records_are_handled()
    {
        using var dir = new TempDirectory("sync-late");
        var source = dir.Combine("bucket");
        Sample.Build().WriteTo(source);
        var output = dir.Combine("out.jsonl");
        var checkpoint = dir.Combine("sync.json");
        Assert.Equal(3, (await CliRunner.RunAsync("sync", "--source", source, "--since", "2026-11-01", "--output", output, "--checkpoint", checkpoint)).Exit);

        // A delivery for an earlier day lands late; a new one arrives for the newest day and repeats a record (c7).
        WriteObject(source, ConfigKey(Sample.Day2, 900), [Config("late-1", Sample.At(Sample.Day2, 23, 59), "put-profile")]);
        WriteObject(source, ConfigKey(Sample.Day3, 901), [Config("new-1", Sample.At(Sample.Day3, 5, 0), "post-volume"), Config("c7", Sample.At(Sample.Day3, 0, 30), "post-volume")]);
        // Late by LastModified too: stamped before the objects already collected, as a slow upload would be.
        File.SetLastWriteTimeUtc(Path.Combine(source, ConfigKey(Sample.Day2, 900)), DateTime.UtcNow.AddMinutes(-5));

        var (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--output", output, "--checkpoint", checkpoint);
        Assert.True(exit == 0, error);
        Assert.True(error.Contains("2 new object(s), 2 record(s) written, 1 duplicate(s) dropped", StringComparison.Ordinal), error);
        var ids = OutputIds(output);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(14, ids.Length);
        Assert.Contains("late-1", ids);
        Assert.Contains("new-1", ids);
    }

    [Fact]
    public async Task Every_stage_of_a_kubernetes_request_is_written_and_a_redelivered_stage_or_event_is_dropped()
    {
        using var dir = new TempDirectory("sync-identity");
        var source = dir.Combine("bucket");
        var at = Sample.At(Sample.Day1, 9, 0);
        var delivery = new DeliveryBuilder();
        delivery.AddLke(Sample.Day1,
            K8s("exec-1", at, "create", "pods", "exec", stage: "RequestReceived"),
            K8s("exec-1", at, "create", "pods", "exec", stage: "ResponseStarted"),
            K8s("exec-1", at.AddMinutes(7), "create", "pods", "exec", stage: "ResponseComplete"));
        delivery.AddLke(Sample.Day1, K8s("exec-1", at.AddMinutes(7), "create", "pods", "exec", stage: "ResponseComplete"));
        delivery.AddConfig(Sample.Day1,
            Config("evt-1", at, "put-profile"), Config("evt-1", at, "put-profile", source: "/service/object-storage"), Config("evt-1", at, "put-profile"));
        delivery.WriteTo(source);
        var output = dir.Combine("out.jsonl");

        var (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--since", "2026-11-01", "--output", output, "--checkpoint", dir.Combine("sync.json"));
        Assert.True(exit == 0, error);
        Assert.True(error.Contains("5 record(s) written, 2 duplicate(s) dropped", StringComparison.Ordinal), error);
        var stages = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.TryGetProperty("stage", out _)).Select(r => r.GetProperty("stage").GetString()).ToArray();
        Assert.Equal(new[] { "RequestReceived", "ResponseComplete", "ResponseStarted" }, stages.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_day_with_no_new_objects_lists_only_that_day()
    {
        using var dir = new TempDirectory("sync-list");
        var root = dir.Combine("bucket");
        Sample.Build().WriteTo(root);
        var clock = new FixedClock(Sample.At(Sample.Day3, 18, 0));
        var checkpoint = dir.Combine("sync.json");
        var output = dir.Combine("out.jsonl");

        async Task<(SyncResult Result, string[] DayListings)> SyncAsync(int lateDays, DateOnly? since)
        {
            var counting = new CountingSource(new FolderLogSource(root));
            var options = new SyncOptions { CheckpointPath = checkpoint, OutputPath = output, Since = since, LateDays = lateDays, Clock = clock };
            var result = await new SyncRunner(new RecordScanner(counting), options).RunAsync(TextWriter.Null);
            // Recursive listings are the object listings of day folders; the rest are the walker's small folder listings.
            return (result, counting.Listings.Where(l => l.Recursive).Select(l => l.Prefix).Distinct().Order(StringComparer.Ordinal).ToArray());
        }

        var (first, firstListings) = await SyncAsync(1, Sample.Day1);
        Assert.Equal(6, first.Objects);
        Assert.Equal(4, firstListings.Length); // three audit_logs days and one LKE day

        var (idle, idleListings) = await SyncAsync(0, null);
        Assert.Equal(0, idle.Objects);
        Assert.Equal((Sample.Day3, Sample.Day3), (idle.FirstDay, idle.LastDay));
        var only = Assert.Single(idleListings);
        Assert.EndsWith("/2026/11/03/", only, StringComparison.Ordinal);

        var (_, withLateDay) = await SyncAsync(1, null);
        Assert.All(withLateDay, p => Assert.True(p.EndsWith("/2026/11/03/", StringComparison.Ordinal) || p.EndsWith("/2026/11/02/", StringComparison.Ordinal), p));
    }

    [Fact]
    public async Task A_torn_last_line_and_unsaved_records_are_repaired_on_restart()
    {
        using var dir = new TempDirectory("sync-torn");
        var source = dir.Combine("bucket");
        Sample.Build().WriteTo(source);
        var output = dir.Combine("out.jsonl");
        var checkpoint = dir.Combine("sync.json");
        Assert.Equal(3, (await CliRunner.RunAsync("sync", "--source", source, "--since", "2026-11-01", "--output", output, "--checkpoint", checkpoint)).Exit);
        var complete = await File.ReadAllLinesAsync(output);

        // As if a run was killed after writing two records (and half a third) of new objects it never checkpointed.
        WriteObject(source, ConfigKey(Sample.Day3, 950), [Config("n1", Sample.At(Sample.Day3, 6, 0), "put-profile"), Config("n2", Sample.At(Sample.Day3, 6, 1), "put-profile"), Config("n3", Sample.At(Sample.Day3, 6, 2), "put-profile")]);
        var n1 = Config("n1", Sample.At(Sample.Day3, 6, 0), "put-profile");
        var n2 = Config("n2", Sample.At(Sample.Day3, 6, 1), "put-profile");
        await File.AppendAllTextAsync(output, n1 + "\n" + n2 + "\n" + "{\"specversion\":\"1.0\",\"id\":\"n3\",\"so");

        var (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--output", output, "--checkpoint", checkpoint);
        Assert.True(exit == 0, error);
        Assert.Contains("1 record(s) written", error, StringComparison.Ordinal);
        Assert.Contains("2 already written by an interrupted run", error, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal([.. complete, n1, n2, Config("n3", Sample.At(Sample.Day3, 6, 2), "put-profile")], lines);
    }

    [Fact]
    public async Task Bad_checkpoints_and_flags_are_one_line_errors()
    {
        using var dir = new TempDirectory("sync-bad");
        var source = dir.Combine("bucket");
        Sample.Build().WriteTo(source);
        var checkpoint = dir.Combine("sync.json");
        await File.WriteAllTextAsync(checkpoint, "{ not json");
        var (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--checkpoint", checkpoint);
        Assert.Equal(2, exit);
        Assert.Contains($"checkpoint {checkpoint} is not a sync checkpoint (not valid JSON at line 1, byte 3)", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));

        (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--checkpoint", dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains($"checkpoint {dir.Path} is a folder", error, StringComparison.Ordinal);

        File.Delete(checkpoint);
        Assert.Equal(3, (await CliRunner.RunAsync("sync", "--source", source, "--since", "2026-11-01", "--checkpoint", checkpoint, "--output", dir.Combine("a.jsonl"))).Exit);
        var other = dir.Combine("other");
        Sample.Build().WriteTo(other);
        (exit, _, error) = await CliRunner.RunAsync("sync", "--source", other, "--checkpoint", checkpoint, "--output", dir.Combine("a.jsonl"));
        Assert.Equal(2, exit);
        Assert.Contains("belongs to", error, StringComparison.Ordinal);

        File.WriteAllText(dir.Combine("a.jsonl"), string.Empty);
        (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--checkpoint", checkpoint, "--output", dir.Combine("a.jsonl"));
        Assert.Equal(2, exit);
        Assert.Contains("shorter", error, StringComparison.Ordinal);

        (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--checkpoint", checkpoint, "--dedup-window", "soon");
        Assert.Equal(2, exit);
        Assert.Contains("--dedup-window 'soon' is not a duration", error, StringComparison.Ordinal);

        (exit, _, error) = await CliRunner.RunAsync("sync", "--source", source, "--checkpoint", checkpoint, "--late-days", "-1");
        Assert.Equal(2, exit);
        Assert.Contains("--late-days must not be negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdout_output_carries_the_records()
    {
        using var dir = new TempDirectory("sync-stdout");
        var source = dir.Combine("bucket");
        Sample.Build().WriteTo(source);
        var (exit, output, _) = await CliRunner.RunAsync("sync", "--source", source, "--since", "2026-11-01", "--checkpoint", dir.Combine("cp.json"));
        Assert.Equal(3, exit);
        Assert.True(File.Exists(dir.Combine("cp.json") + ".quarantine.jsonl"));
        Assert.Equal(12, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        (exit, output, _) = await CliRunner.RunAsync("sync", "--source", source, "--checkpoint", dir.Combine("cp.json"));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output);
    }
}

using System.Text.Json;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.Investigation.Tests.Sync;
using AuditInfra.TestSupport;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Contract;

/// <summary>
/// The exit-code contract of query, export, filter-options, detect and sync (README, "Exit codes"): 0 read everything,
/// 1 detections, 2 usage or access error, 3 read incompletely — and an empty range is never silence.
/// </summary>
public class ExitCodeContractTests
{
    public static TheoryData<string> Commands() => new() { "query", "export", "filter-options", "detect" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_range_without_delivery_objects_is_one_line_and_exit_3(string command)
    {
        using var dir = new TempDirectory("empty-range");
        Sample.Build().WriteTo(dir.Path);

        // A wrong year: the folder holds objects, none in range.
        var (exit, output, error) = await CliRunner.RunAsync(command, "--source", dir.Path, "--from", "2025-11-01", "--to", "2025-11-03");
        Assert.Equal(3, exit);
        var line = Assert.Single(error.Split('\n'), l => l.Contains("no delivery objects", StringComparison.Ordinal));
        Assert.Contains("2025-11-01..2025-11-03", line, StringComparison.Ordinal);
        Assert.Contains(dir.Path, line, StringComparison.Ordinal);
        Assert.DoesNotContain("no detections", output, StringComparison.Ordinal);

        // A prefix typo: an empty folder.
        using var empty = new TempDirectory("empty-folder");
        (exit, _, error) = await CliRunner.RunAsync(command, "--source", empty.Path, "--from", "2026-11-01", "--to", "2026-11-03");
        Assert.Equal(3, exit);
        Assert.Contains("no delivery objects at all for 2026-11-01..2026-11-03", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_over_an_empty_source_says_so_and_exits_3()
    {
        using var dir = new TempDirectory("sync-empty");
        var (exit, _, error) = await CliRunner.RunAsync("sync", "--source", dir.Path, "--since", "2026-11-01", "--output", dir.Combine("o.jsonl"), "--checkpoint", dir.Combine("cp.json"));
        Assert.Equal(3, exit);
        Assert.Contains("sync: no delivery objects at all for 2026-11-01..", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query")]
    [InlineData("export")]
    [InlineData("filter-options")]
    [InlineData("detect")]
    [InlineData("sync")]
    [InlineData("verify")]
    public async Task Help_of_each_reader_command_shows_its_exit_codes(string command)
    {
        var (exit, output, _) = await CliRunner.RunAsync(command, "--help");
        Assert.Equal(0, exit);
        var text = string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Exit codes: 0", text, StringComparison.Ordinal);
        Assert.Contains("2 usage, configuration or access error", text, StringComparison.Ordinal);
        Assert.Contains("3 read incompletely", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallelism_is_capped_with_a_clear_message()
    {
        using var dir = new TempDirectory("parallelism");
        Sample.Build().WriteTo(dir.Path);
        var (exit, _, error) = await CliRunner.RunAsync("verify", "--source", dir.Path, "--from", "2026-11-01", "--to", "2026-11-03", "--parallelism", "100000");
        Assert.Equal(2, exit);
        Assert.Contains("at most 256 objects are read at once", error, StringComparison.Ordinal);

        var config = dir.Combine("settings.json");
        await File.WriteAllTextAsync(config, """{"Parallelism": 257}""");
        (exit, _, error) = await CliRunner.RunAsync("query", "--source", dir.Path, "--from", "2026-11-01", "--config", config);
        Assert.Equal(2, exit);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Parallelism (--parallelism) is 257", error, StringComparison.Ordinal);

        (exit, _, _) = await CliRunner.RunAsync("verify", "--source", dir.Path, "--from", "2026-11-01", "--to", "2026-11-03", "--parallelism", "256");
        Assert.Equal(1, exit); // the sample's bad line is a finding
    }

    [Fact]
    public async Task An_object_not_read_whole_is_retried_until_read_and_never_passed()
    {
        using var dir = new TempDirectory("sync-retry");
        var source = dir.Combine("bucket");
        var good = Config("good-1", Sample.At(Sample.Day1, 1, 0), "put-profile");
        var late = new[] { Config("late-1", Sample.At(Sample.Day1, 2, 0), "put-profile"), Config("late-2", Sample.At(Sample.Day1, 2, 1), "put-profile") };
        WriteObject(source, ConfigKey(Sample.Day1, 1), [good]);
        var brokenKey = ConfigKey(Sample.Day1, 2);
        var whole = Gzip(late);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(source, brokenKey))!);
        await File.WriteAllBytesAsync(Path.Combine(source, brokenKey), whole[..(whole.Length - 6)]); // cut short: no gzip trailer
        var output = dir.Combine("out.jsonl");
        var checkpoint = dir.Combine("cp.json");
        string[] args = ["sync", "--source", source, "--since", "2026-11-01", "--output", output, "--checkpoint", checkpoint];

        var (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.Equal(3, exit);
        Assert.Contains("1 object(s) not read whole, none of their records written", error, StringComparison.Ordinal);
        Assert.Contains(brokenKey, error, StringComparison.Ordinal);
        Assert.Equal(["good-1"], SyncTests.OutputIds(output));
        (exit, _, _) = await CliRunner.RunAsync(args);
        Assert.Equal(3, exit);
        var retry = Assert.Single(JsonDocument.Parse(await File.ReadAllTextAsync(checkpoint)).RootElement.GetProperty("retry").EnumerateArray());
        Assert.Equal(brokenKey, retry.GetProperty("key").GetString());
        Assert.Equal(2, retry.GetProperty("attempts").GetInt32());
        Assert.Contains("truncated", retry.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        // The object becomes readable (a transient fault passed): the next run collects it whole, once.
        await File.WriteAllBytesAsync(Path.Combine(source, brokenKey), whole);
        (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.True(exit == 0, error);
        Assert.Equal(["good-1", "late-1", "late-2"], SyncTests.OutputIds(output));
        Assert.Empty(JsonDocument.Parse(await File.ReadAllTextAsync(checkpoint)).RootElement.GetProperty("retry").EnumerateArray());
        (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.True(exit == 0, error);
        Assert.Contains("0 new object(s)", error, StringComparison.Ordinal);
        Assert.Equal(3, SyncTests.OutputIds(output).Length);
    }

    [Fact]
    public async Task A_line_over_the_limit_holds_its_object_until_the_limit_is_raised_or_it_is_given_up()
    {
        using var dir = new TempDirectory("sync-long-line");
        var source = dir.Combine("bucket");
        var big = Config("big-1", Sample.At(Sample.Day1, 1, 0), "put-profile", actor: new string('a', 3000));
        var key = ConfigKey(Sample.Day1, 1);
        WriteObject(source, key, [Config("small-1", Sample.At(Sample.Day1, 0, 59), "put-profile"), big]);
        var output = dir.Combine("out.jsonl");
        var checkpoint = dir.Combine("cp.json");
        var small = dir.Combine("small.json");
        await File.WriteAllTextAsync(small, """{"MaxLineBytes": 2048}""");
        string[] args = ["sync", "--source", source, "--since", "2026-11-01", "--output", output, "--checkpoint", checkpoint];

        var (exit, _, error) = await CliRunner.RunAsync([.. args, "--config", small]);
        Assert.Equal(3, exit);
        Assert.Contains("line 2 is longer than the MaxLineBytes setting allows", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output) && new FileInfo(output).Length > 0);

        // Raising the limit brings the record back: nothing was passed.
        (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.True(exit == 0, error);
        Assert.Equal(["small-1", "big-1"], SyncTests.OutputIds(output));

        // Given up instead: the readable records are written and the long line is recorded in the quarantine.
        using var other = new TempDirectory("sync-give-up");
        string[] otherArgs = ["sync", "--source", source, "--since", "2026-11-01", "--output", other.Combine("out.jsonl"), "--checkpoint", other.Combine("cp.json"), "--config", small];
        Assert.Equal(3, (await CliRunner.RunAsync(otherArgs)).Exit);
        (exit, _, error) = await CliRunner.RunAsync([.. otherArgs, "--give-up", key]);
        Assert.Equal(3, exit);
        Assert.Contains("gave up 1 object(s)", error, StringComparison.Ordinal);
        Assert.Equal(["small-1"], SyncTests.OutputIds(other.Combine("out.jsonl")));
        var entry = JsonDocument.Parse(Assert.Single(File.ReadAllLines(other.Combine("out.jsonl") + ".quarantine.jsonl"))).RootElement;
        Assert.Equal(key, entry.GetProperty("object").GetString());
        Assert.Equal(2, entry.GetProperty("line").GetInt64());
        Assert.Contains("longer than", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        (exit, _, error) = await CliRunner.RunAsync(otherArgs);
        Assert.True(exit == 0, error);

        (exit, _, error) = await CliRunner.RunAsync([.. otherArgs, "--give-up", "all"]);
        Assert.Equal(2, exit);
        Assert.Contains("nothing to give up", error, StringComparison.Ordinal);
    }
}

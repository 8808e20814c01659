using System.Text.Json;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>export (every format, to stdout and to a file) and filter-options over a folder.</summary>
public class ExportAndOptionsCommandTests : IClassFixture<SampleFolder>
{
    private readonly SampleFolder _sample;

    public ExportAndOptionsCommandTests(SampleFolder sample)
    {
        _sample = sample;
    }

    internal static void AssertSampleOptions(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(12, root.GetProperty("records").GetInt32());
        static Dictionary<string, int> Counts(JsonElement e) => e.EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["alice"] = 5, ["bob"] = 3, ["mallory"] = 1, ["carol"] = 1, ["kube-admin"] = 1, ["dev-user"] = 1 }, Counts(root.GetProperty("actors")));
        Assert.Equal(new Dictionary<string, int> { ["success"] = 9, ["failure"] = 3 }, Counts(root.GetProperty("outcomes")));
        Assert.Equal(new Dictionary<string, int> { ["config"] = 8, ["login"] = 2, ["k8s"] = 2 }, Counts(root.GetProperty("streams")));
        Assert.Equal(3, Counts(root.GetProperty("actions"))["delete"]);
        Assert.Equal(3, Counts(root.GetProperty("ips"))["192.0.2.10"]);
        Assert.Equal(1, Counts(root.GetProperty("codes"))["create pods/exec"]);
        Assert.Equal(5, Counts(root.GetProperty("services"))["Platform"]);
        // Most frequent first.
        Assert.Equal("alice", root.GetProperty("actors")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Filter_options_lists_present_values_with_counts()
    {
        var (exit, output, error) = await CliRunner.RunAsync("filter-options", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json");
        Assert.True(exit == 3, error); // day 1's bad line was skipped: read incompletely
        AssertSampleOptions(output);

        var (_, narrowed, _) = await CliRunner.RunAsync("filter-options", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--stream", "lke", "--format", "json");
        Assert.Equal(2, JsonDocument.Parse(narrowed).RootElement.GetProperty("records").GetInt32());

        var (_, text, _) = await CliRunner.RunAsync("filter-options", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03");
        Assert.Contains("actors (--actor): 6", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_streams_every_match_in_each_format()
    {
        var (exit, jsonl, error) = await CliRunner.RunAsync("export", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--code", "delete-*");
        Assert.True(exit == 3, error);
        // Export streams in delivery order (day, object key, line): c8 sits in a later object than c7 on day 3.
        Assert.Equal(["c2", "c5", "c8"], CliRunner.Ids(jsonl));
        Assert.Contains("3 record(s) written", error, StringComparison.Ordinal);

        var (_, json, _) = await CliRunner.RunAsync("export", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json");
        Assert.Equal(12, JsonDocument.Parse(json).RootElement.GetArrayLength());

        var (_, empty, _) = await CliRunner.RunAsync("export", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--actor", "nobody", "--format", "json");
        Assert.Equal(0, JsonDocument.Parse(empty).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Export_to_a_file_appears_whole_and_a_failed_export_leaves_nothing()
    {
        using var dir = new TempDirectory("export");
        var file = dir.Combine("audit.csv");
        var (exit, output, _) = await CliRunner.RunAsync("export", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "csv", "--output", file);
        Assert.Equal(3, exit);
        Assert.Equal(string.Empty, output);
        var rows = File.ReadAllText(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, rows.Length);
        Assert.Equal(["audit.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        var blocked = dir.Combine("no-such-folder", "out.csv");
        (exit, _, var error) = await CliRunner.RunAsync("export", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "csv", "--output", blocked);
        Assert.Equal(2, exit);
        Assert.Contains("cannot be written", error, StringComparison.Ordinal);
        Assert.False(File.Exists(blocked));
    }
}

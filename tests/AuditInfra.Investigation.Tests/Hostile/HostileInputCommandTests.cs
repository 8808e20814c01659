using System.Text.Json;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Hostile;

/// <summary>
/// Every reader command over a hostile delivery (issue 17) ends, reads every valid record in order, and says what
/// it skipped: an object of many records comes in parts, an object of many bad lines stops at the cap, and a FIFO
/// or a link out of the folder or in a loop is never opened. A hang fails the test at its deadline.
/// </summary>
public sealed class HostileInputCommandTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new("hostile");
    private readonly TempDirectory _outside = new("hostile-outside");
    private readonly string _settings;

    public HostileInputCommandTests()
    {
        HostileDelivery.WriteFolder(_dir.Path, _outside.Path);
        _settings = HostileDelivery.WriteSettings(_outside.Path);
    }

    public void Dispose()
    {
        _dir.Dispose();
        _outside.Dispose();
    }

    private string[] Source => ["--source", _dir.Path, "--config", _settings, "--from", "2026-11-01", "--to", "2026-11-01"];

    [Fact]
    public async Task Export_streams_every_valid_record_and_counts_the_bad_lines_up_to_the_cap()
    {
        var (exit, output, error) = await Run(["export", .. Source, "--format", "jsonl"]);
        Assert.True(exit == 3, error); // the bad object was not read whole: read incompletely
        Assert.Equal(HostileDelivery.ExpectedIds(), CliRunner.Ids(output));
        AssertSkipped(error);
        Assert.DoesNotContain("outside", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_filter_options_and_detect_end_with_the_same_counts()
    {
        var (exit, output, error) = await Run(["query", .. Source, "--format", "jsonl", "--limit", "5", "--order", "newest"]);
        Assert.True(exit == 3, error);
        Assert.Equal(["r09999", "r09998", "r09997", "r09996", "r09995"], CliRunner.Ids(output));
        Assert.Contains($"{HostileDelivery.ValidRecords} match(es)", error, StringComparison.Ordinal);
        AssertSkipped(error);

        (exit, output, error) = await Run(["filter-options", .. Source, "--format", "json"]);
        Assert.True(exit == 3, error);
        Assert.Contains("post-linode-instance", output, StringComparison.Ordinal);
        AssertSkipped(error);

        (exit, _, error) = await Run(["detect", .. Source, "--format", "json"]);
        Assert.True(exit == 3, error);
        AssertSkipped(error);
    }

    [Fact]
    public async Task Sync_collects_a_big_object_whole_and_checkpoints_it_once()
    {
        var checkpoint = Path.Combine(_outside.Path, "checkpoint.json");
        var output = Path.Combine(_outside.Path, "out.jsonl");
        var (exit, _, error) = await Run(["sync", "--source", _dir.Path, "--config", _settings, "--checkpoint", checkpoint, "--output", output, "--since", "2026-11-01"]);
        Assert.True(exit == 3, error);
        Assert.Equal(HostileDelivery.ExpectedIds(), CliRunner.Ids(File.ReadAllText(output)));
        using var saved = JsonDocument.Parse(File.ReadAllText(checkpoint));
        // The big object is collected; the damaged one was not read whole, so it waits in the retry list (issue 11).
        Assert.Equal(1, saved.RootElement.GetProperty("objectsCollected").GetInt64());
        Assert.Single(saved.RootElement.GetProperty("retry").EnumerateArray());
        Assert.Equal(HostileDelivery.ValidRecords, saved.RootElement.GetProperty("recordsWritten").GetInt64());

        (exit, _, error) = await Run(["sync", "--source", _dir.Path, "--config", _settings, "--checkpoint", checkpoint, "--output", output]);
        Assert.True(exit == 3, error);
        Assert.Contains("not read whole", error, StringComparison.Ordinal);
        Assert.Equal(HostileDelivery.ValidRecords, File.ReadAllLines(output).Length);
    }

    /// <summary>The skipped-lines note: the bad lines up to the cap, and the bad object as one unreadable object.</summary>
    internal static void AssertSkipped(string error)
    {
        Assert.Contains($"skipped {HostileDelivery.MalformedCap} malformed line(s) and 1 unreadable object(s)", error, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Out, string Err)> Run(string[] args) => CliRunner.RunAsync(args).WaitAsync(Deadline);
}

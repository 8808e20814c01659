using AuditInfra.Investigation.Tests.Fixtures;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>query over a folder: every filter, sorting, paging and formats.</summary>
public class QueryCommandTests : IClassFixture<SampleFolder>
{
    private readonly SampleFolder _sample;

    public QueryCommandTests(SampleFolder sample)
    {
        _sample = sample;
    }

    internal static string[] WithRange(string[] filters) =>
        filters.Contains("--from") ? filters : [.. filters, "--from", "2026-11-01", "--to", "2026-11-03"];

    [Theory]
    [MemberData(nameof(Sample.Filters), MemberType = typeof(Sample))]
    public async Task Each_filter_selects_exactly_its_records_in_time_order(string[] filters, string[] expected)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["query", "--source", _sample.Source, "--format", "jsonl", .. WithRange(filters)]);
        Assert.True(exit == Sample.ExitFor(WithRange(filters)), error);
        Assert.Equal(expected, CliRunner.Ids(output));
        Assert.Contains($"{expected.Length} match(es)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limit_and_offset_page_through_the_sorted_matches()
    {
        var (_, page, error) = await CliRunner.RunAsync("query", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "jsonl", "--limit", "3", "--offset", "2");
        Assert.Equal(Sample.AllInTimeOrder[2..5], CliRunner.Ids(page));
        Assert.Contains("12 match(es), printed 3", error, StringComparison.Ordinal);

        var (_, newest, _) = await CliRunner.RunAsync("query", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "jsonl", "--limit", "2", "--order", "newest");
        Assert.Equal(["c7", "c8"], CliRunner.Ids(newest));

        var (_, all, _) = await CliRunner.RunAsync("query", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "jsonl", "--limit", "0", "--offset", "10");
        Assert.Equal(Sample.AllInTimeOrder[10..], CliRunner.Ids(all));
    }

    [Fact]
    public async Task Table_shows_one_row_per_record_with_derived_action_and_bad_lines_are_reported_not_fatal()
    {
        var (exit, output, error) = await CliRunner.RunAsync("query", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-01", "--stream", "audit");
        Assert.Equal(3, exit); // read incompletely: a line was skipped
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TIME", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains("delete-linode-instance", lines[2], StringComparison.Ordinal);
        Assert.Contains(" delete ", lines[2], StringComparison.Ordinal);
        Assert.Contains("skipped 1 malformed line(s)", error, StringComparison.Ordinal);
        Assert.Contains("-config.gz:3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_and_csv_formats_carry_the_same_records()
    {
        var (_, json, _) = await CliRunner.RunAsync("query", "--source", _sample.Source, "--from", "2026-11-02", "--to", "2026-11-02", "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var first = doc.RootElement[0];
        Assert.Equal("c6", first.GetProperty("id").GetString());
        Assert.Equal("post-tfa-disable", first.GetProperty("code").GetString());
        Assert.Equal("create", first.GetProperty("action").GetString());
        Assert.Equal("Platform", first.GetProperty("service").GetString());
        Assert.Equal("Profile", first.GetProperty("group").GetString());
        Assert.Equal(3, first.GetProperty("line").GetInt32());
        Assert.Equal(5, doc.RootElement.GetArrayLength());

        var (_, csv, _) = await CliRunner.RunAsync("query", "--source", _sample.Source, "--from", "2026-11-02", "--to", "2026-11-02", "--format", "csv");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("time,stream,account,code,action,service,group,actor,authenticated_user,email,ip,outcome", rows[0], StringComparison.Ordinal);
        Assert.Equal(6, rows.Length);
        Assert.Contains("create pods/exec", rows[3], StringComparison.Ordinal);
    }
}

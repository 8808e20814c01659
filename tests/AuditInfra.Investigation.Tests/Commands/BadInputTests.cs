using AuditInfra.Investigation.Tests.Fixtures;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>Filters that can never match, and other bad input: one line on stderr, exit 2, before anything is read.</summary>
public class BadInputTests : IClassFixture<SampleFolder>
{
    private readonly SampleFolder _sample;

    public BadInputTests(SampleFolder sample)
    {
        _sample = sample;
    }

    [Theory]
    [InlineData("query", "--code post-no-such-thing", "--code 'post-no-such-thing' matches no event code")]
    [InlineData("query", "--code nothing-*", "--code 'nothing-*' matches no event code")]
    [InlineData("query", "--ip 10.0.0.0/33", "--ip '10.0.0.0/33' is not an IP address or a CIDR block")]
    [InlineData("query", "--ip 300.1.1.1", "--ip '300.1.1.1' is not an IP address")]
    [InlineData("export", "--action explode", "--action 'explode' is not one of")]
    [InlineData("filter-options", "--stream billing", "--stream 'billing' is not one of")]
    [InlineData("query", "--service Compte", "--service 'Compte' is not one of")]
    [InlineData("query", "--outcome maybe", "--outcome 'maybe' is not one of")]
    [InlineData("query", "--format xml", "--format 'xml' is not one of")]
    [InlineData("export", "--format table", "--format 'table' is not one of")]
    public async Task Impossible_filters_fail_before_reading(string command, string flags, string message)
    {
        // A source that does not exist proves nothing was read: the filter error comes first.
        string[] args = [command, "--source", "/nonexistent/folder", "--from", "2026-11-01", "--to", "2026-11-02", .. flags.Split(' ')];
        var (exit, output, error) = await CliRunner.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("query", "--actor")]
    [InlineData("export", "--code")]
    [InlineData("detect", "--stream")]
    public async Task A_filter_flag_without_a_value_is_an_error_not_no_filter(string command, string flag)
    {
        var (exit, output, error) = await CliRunner.RunAsync(command, "--source", "/nonexistent/folder", "--from", "2026-11-01", flag);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(flag, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--from 2026-11-05 --to 2026-11-01", "--from 2026-11-05 is after --to 2026-11-01")]
    [InlineData("--from yesterday", "--from 'yesterday' is not a date")]
    [InlineData("--from 2026-11-01 --to 2026-13-01", "--to '2026-13-01' is not a date")]
    public async Task Bad_ranges_fail_before_reading(string flags, string message)
    {
        foreach (var command in new[] { "query", "export", "filter-options", "detect" })
        {
            var (exit, _, error) = await CliRunner.RunAsync([command, "--source", "/nonexistent/folder", .. flags.Split(' ')]);
            Assert.Equal(2, exit);
            Assert.Contains(message, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_source_and_missing_bucket_are_one_line_errors()
    {
        var (exit, _, error) = await CliRunner.RunAsync("query", "--source", "/nonexistent/folder", "--from", "2026-11-01");
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

        var (missingFlag, _, flagError) = await CliRunner.RunAsync("query", "--from", "2026-11-01");
        Assert.Equal(2, missingFlag);
        Assert.Contains("--source", flagError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detection_settings_that_cannot_work_are_errors()
    {
        using var dir = new TestSupport.TempDirectory("config");
        var config = dir.Combine("settings.json");
        await File.WriteAllTextAsync(config, """{"Detections": {"MassDeletion": {"Threshold": 0, "Window": "00:10:00"}}}""");
        var (exit, _, error) = await CliRunner.RunAsync("detect", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--config", config);
        Assert.Equal(2, exit);
        Assert.Contains("Threshold must be at least 1", error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(config, """{"Detections": {"Disabled": ["no-such-rule"]}}""");
        (exit, _, error) = await CliRunner.RunAsync("detect", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--config", config);
        Assert.Equal(2, exit);
        Assert.Contains("'no-such-rule', which is not a detection", error, StringComparison.Ordinal);
    }
}

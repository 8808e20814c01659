using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>The same commands against a real Ceph RGW bucket, through --source s3://… --endpoint.</summary>
public class RgwCommandTests : IClassFixture<SampleBucket>
{
    private readonly SampleBucket _bucket;

    public RgwCommandTests(SampleBucket bucket)
    {
        _bucket = bucket;
        RgwEnvironment.Ensure();
    }

    private string[] Source => ["--source", _bucket.Source, "--endpoint", _bucket.Endpoint];

    [Theory]
    [MemberData(nameof(Sample.Filters), MemberType = typeof(Sample))]
    public async Task Query_filters_work_on_a_bucket(string[] filters, string[] expected)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["query", .. Source, "--format", "jsonl", .. QueryCommandTests.WithRange(filters)]);
        Assert.True(exit == Sample.ExitFor(QueryCommandTests.WithRange(filters)), error);
        Assert.Equal(expected, CliRunner.Ids(output));
    }

    [Fact]
    public async Task Detect_filter_options_and_export_work_on_a_bucket()
    {
        var (exit, detections, error) = await CliRunner.RunAsync(["detect", .. Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json"]);
        Assert.True(exit == 3, error); // detections, and day 1's bad line: read incompletely wins
        DetectCommandTests.AssertSampleDetections(detections);

        var (_, options, _) = await CliRunner.RunAsync(["filter-options", .. Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json"]);
        ExportAndOptionsCommandTests.AssertSampleOptions(options);

        var (_, export, _) = await CliRunner.RunAsync(["export", .. Source, "--from", "2026-11-01", "--to", "2026-11-03", "--stream", "lke"]);
        Assert.Equal(["k1", "k2"], CliRunner.Ids(export));
    }

    [Fact]
    public async Task A_missing_bucket_is_one_line_and_exit_2()
    {
        var (exit, output, error) = await CliRunner.RunAsync("query", "--source", "s3://no-such-bucket-investigation", "--endpoint", _bucket.Endpoint, "--from", "2026-11-01");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-such-bucket-investigation", error, StringComparison.Ordinal);
    }
}

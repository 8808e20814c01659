using System.Text.Json;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>
/// Records filed in the neighbouring day folder within the partition tolerance (a batch closed after midnight, a
/// clock a little ahead) are found by every reader of a time range, on a folder and on the real RGW, and only those
/// whose own time is in the range.
/// </summary>
public class DayBoundaryTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 1);
    private static readonly DateOnly Day2 = new(2026, 11, 2);
    private static readonly DateOnly Day3 = new(2026, 11, 3);

    /// <summary>Day 1's last delete lies in day 2's folder; day 2's first change in day 1's; day 2's last one in day 3's.</summary>
    private static DeliveryBuilder Delivery()
    {
        var delivery = new DeliveryBuilder();
        delivery.AddConfig(Day1,
            Config("noon-1", Sample.At(Day1, 12, 0), "put-profile"),
            Config("ahead", Sample.At(Day2, 0, 4), "put-profile"));
        delivery.AddConfig(Day2,
            Config("spill-1", Sample.At(Day1, 23, 58), "s3-DeleteBucket", actor: "mallory"),
            Config("noon-2", Sample.At(Day2, 12, 0), "put-profile"));
        delivery.AddConfig(Day3,
            Config("spill-2", Sample.At(Day2, 23, 57), "delete-volume"),
            Config("noon-3", Sample.At(Day3, 12, 0), "put-profile"));
        return delivery;
    }

    [Fact]
    public async Task Every_reader_looks_into_the_neighbouring_day_folders_of_a_folder_source()
    {
        using var dir = new TempDirectory("day-boundary");
        var source = dir.Combine("bucket");
        Delivery().WriteTo(source);
        string[] at = ["--source", source];

        // Sorted page and whole-range sort (one day at a time, the last minutes held for the next day's folder).
        foreach (var limit in new[] { "100", "0" })
        {
            var (exit, output, error) = await CliRunner.RunAsync(["query", .. at, "--from", "2026-11-02", "--to", "2026-11-02", "--limit", limit, "--format", "jsonl"]);
            Assert.True(exit == 0, error);
            Assert.Equal(["ahead", "noon-2", "spill-2"], CliRunner.Ids(output));

            (exit, output, error) = await CliRunner.RunAsync(["query", .. at, "--from", "2026-11-01", "--to", "2026-11-03", "--limit", limit, "--format", "jsonl"]);
            Assert.True(exit == 0, error);
            Assert.Equal(["noon-1", "spill-1", "ahead", "noon-2", "spill-2", "noon-3"], CliRunner.Ids(output));
        }

        var (code, minutes, err) = await CliRunner.RunAsync(["query", .. at, "--from", "2026-11-01T23:50:00Z", "--to", "2026-11-02T00:10:00Z", "--format", "jsonl"]);
        Assert.True(code == 0, err);
        Assert.Equal(["spill-1", "ahead"], CliRunner.Ids(minutes));

        (code, var export, err) = await CliRunner.RunAsync(["export", .. at, "--from", "2026-11-01", "--to", "2026-11-01", "--format", "jsonl"]);
        Assert.True(code == 0, err);
        Assert.Equal(["noon-1", "spill-1"], CliRunner.Ids(export).Order());

        (code, var options, err) = await CliRunner.RunAsync(["filter-options", .. at, "--from", "2026-11-01", "--to", "2026-11-01", "--format", "json"]);
        Assert.True(code == 0, err);
        Assert.Contains("s3-DeleteBucket", options, StringComparison.Ordinal);

        (code, var detections, err) = await CliRunner.RunAsync(["detect", .. at, "--from", "2026-11-01", "--to", "2026-11-01", "--format", "json"]);
        Assert.True(code == 1, err);
        using (var doc = JsonDocument.Parse(detections))
        {
            var detection = Assert.Single(doc.RootElement.GetProperty("detections").EnumerateArray());
            Assert.Equal("audit-pipeline-tampering", detection.GetProperty("rule").GetString());
        }

        // The tolerance is the setting: at 0 only the range's own folders are read.
        var settings = dir.Combine("settings.json");
        await File.WriteAllTextAsync(settings, """{"PartitionToleranceMinutes": 0}""");
        (code, minutes, err) = await CliRunner.RunAsync(["query", .. at, "--from", "2026-11-01T23:50:00Z", "--to", "2026-11-02T00:00:00Z", "--format", "jsonl", "--config", settings]);
        Assert.True(code == 0, err);
        Assert.Empty(CliRunner.Ids(minutes));
    }

    [Fact]
    public async Task A_day_without_objects_is_still_an_empty_range_when_its_neighbour_has_some()
    {
        using var dir = new TempDirectory("day-boundary-empty");
        var source = dir.Combine("bucket");
        Delivery().WriteTo(source);

        var (exit, _, error) = await CliRunner.RunAsync("query", "--source", source, "--from", "2026-11-04", "--to", "2026-11-04");
        Assert.Equal(3, exit);
        Assert.Contains("no delivery objects at all for 2026-11-04", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_reader_looks_into_the_neighbouring_day_folders_of_a_bucket()
    {
        RgwEnvironment.Ensure();
        var bucket = await S3TestServer.Instance.CreateBucketAsync("day-boundary");
        await Delivery().UploadAsync(bucket);
        string[] at = ["--source", $"s3://{bucket}", "--endpoint", S3TestServer.Instance.Endpoint];

        var (exit, output, error) = await CliRunner.RunAsync(["query", .. at, "--from", "2026-11-01T23:50:00Z", "--to", "2026-11-02T00:10:00Z", "--format", "jsonl"]);
        Assert.True(exit == 0, error);
        Assert.Equal(["spill-1", "ahead"], CliRunner.Ids(output));

        (exit, output, error) = await CliRunner.RunAsync(["detect", .. at, "--from", "2026-11-01", "--to", "2026-11-01", "--format", "json"]);
        Assert.True(exit == 1, error);
        Assert.Contains("audit-pipeline-tampering", output, StringComparison.Ordinal);
    }
}

using Amazon.S3.Model;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Reading;

/// <summary>
/// The per-object caps (issue 17): decompressed bytes (MaxObjectBytes) and malformed lines (MaxMalformedLines). An
/// object past either is reported as damaged after what was read of it, in bounded time, on a folder and on the
/// Ceph RGW alike.
/// </summary>
public sealed class ObjectLimitsTests : IDisposable
{
    private const string Key = "audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-000001-1793491300-000001-config.gz";
    private static readonly DateOnly Day = new(2026, 11, 1);
    private readonly TempDirectory _dir = new("limits");

    public void Dispose() => _dir.Dispose();

    /// <summary>200,000 bad one-byte lines: about 400 KB decompressed, a few KB stored.</summary>
    private static string BadLines() => string.Concat(Enumerable.Repeat("x\n", 200_000));

    /// <summary>Valid records past 1 MiB decompressed.</summary>
    private static string ManyRecords() => string.Concat(Enumerable.Range(0, 5000).Select(i => Gz.CloudEvent($"id-{i}") + "\n"));

    [Fact]
    public async Task Malformed_lines_past_the_cap_stop_the_object_with_one_damage_finding()
    {
        Gz.WriteFile(_dir.Path, Key, BadLines());
        await using var source = new FolderLogSource(_dir.Path);
        await AssertMalformedCapAsync(source);
    }

    [Fact]
    public async Task Decompressed_bytes_past_the_cap_stop_the_object_with_one_damage_finding()
    {
        Gz.WriteFile(_dir.Path, Key, ManyRecords());
        await using var source = new FolderLogSource(_dir.Path);
        await AssertSizeCapAsync(source);
    }

    [Fact]
    public async Task The_same_caps_hold_for_objects_in_a_bucket()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("limits");
        using var client = server.CreateClient();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "bad/" + Key, InputStream = new MemoryStream(Gz.Compress(BadLines())) });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "big/" + Key, InputStream = new MemoryStream(Gz.Compress(ManyRecords())) });
        var options = new S3LogSourceOptions { Endpoint = server.Endpoint, Region = server.Region, AccessKey = server.AccessKey, SecretKey = server.SecretKey };

        await using (var bad = await LogSourceFactory.OpenAsync($"s3://{bucket}/bad", options))
        {
            await AssertMalformedCapAsync(bad);
        }

        await using var big = await LogSourceFactory.OpenAsync($"s3://{bucket}/big", options);
        await AssertSizeCapAsync(big);
    }

    [Fact]
    public void Caps_below_their_floor_are_configuration_errors()
    {
        var size = Assert.Throws<ReaderConfigurationException>(() => ReaderConfiguration.Load(null, [new("MaxObjectBytes", "10")], new Dictionary<string, string>()));
        Assert.Contains("MaxObjectBytes", size.Message, StringComparison.Ordinal);
        var lines = Assert.Throws<ReaderConfigurationException>(() => ReaderConfiguration.Load(null, [new("MaxMalformedLines", "0")], new Dictionary<string, string>()));
        Assert.Contains("MaxMalformedLines", lines.Message, StringComparison.Ordinal);
    }

    private static async Task AssertMalformedCapAsync(ILogSource source)
    {
        var report = await new Verifier(new ReaderSettings { MaxMalformedLines = 1000, MaxFindings = 10 }).RunAsync(source, Day, Day);

        Assert.Equal(1000, report.Summary.FindingsByKind.Single(p => p.Key == "malformed_record").Value);
        Assert.Equal(1, report.Summary.FindingsByKind.Single(p => p.Key == "corrupt_object").Value);
        // Stopped within the decode buffer (256 KiB) that held the line past the cap, not at the end of the 400 KB object.
        Assert.True(report.Summary.UncompressedBytes < 400_000, $"read {report.Summary.UncompressedBytes} bytes past the cap");
    }

    private static async Task AssertSizeCapAsync(ILogSource source)
    {
        var report = await new Verifier(new ReaderSettings { MaxObjectBytes = 256 * 1024 }).RunAsync(source, Day, Day);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.CorruptObject, finding.Kind);
        Assert.Contains("MaxObjectBytes", finding.Detail, StringComparison.Ordinal);
        // Read up to the cap and at most one decode buffer past it; the records before it are counted.
        Assert.InRange(report.Summary.UncompressedBytes, 256 * 1024, 1024 * 1024);
        Assert.InRange(report.Summary.Records, 1, 4999);
    }
}

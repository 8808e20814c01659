using System.Text;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Generation;
using AuditInfra.Reader.Reporting;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Tests.Verification;

public class VerifierTests
{
    private const string Day = "audit_logs/com.akamai.audit/ACC/2026/11/01/";
    private static readonly DateOnly First = new(2026, 11, 1);
    private static readonly DateOnly Last = new(2026, 11, 3);

    [Theory]
    [InlineData(Store.Folder)]
    [InlineData(Store.Bucket)]
    public async Task A_clean_generated_delivery_has_no_findings_and_counts_everything(Store store)
    {
        await using var where = await Where.CreateAsync(store, "clean");
        GenerationResult written;
        await using (var target = where.Target())
        {
            written = await new DeliveryGenerator(new GeneratorOptions { From = First, To = Last, Accounts = 2, Clusters = 2 }).WriteAsync(target);
        }

        var report = await VerifyAsync(where);
        Assert.Empty(report.Findings);
        Assert.True(report.IsClean);
        var s = report.Summary;
        Assert.Equal(written.Records, s.Records);
        Assert.Equal(written.UncompressedBytes, s.UncompressedBytes);
        Assert.Equal(1, s.ProbeObjects);
        Assert.Equal(1, s.EmptyObjects);
        Assert.Equal(6, s.Streams.Count); // 2 accounts × (audit_logs + 2 clusters)
        Assert.All(s.Streams, p => Assert.Equal(3, p.DaysDelivered));
        Assert.Equal(written.Records, s.RecordsByCategory.Sum(c => c.Value));
        Assert.True(s.CatalogCoverage.Seen > 10 && s.CatalogCoverage.Known == 156);
        Assert.Equal(s.RecordsByCategory.Single(c => c.Key == "config").Value, s.RecordsByService.Sum(c => c.Value));
    }

    [Theory]
    [InlineData(Store.Folder)]
    [InlineData(Store.Bucket)]
    public async Task Every_injected_anomaly_is_found_exactly_once(Store store)
    {
        await using var where = await Where.CreateAsync(store, "anomalies");
        GenerationResult written;
        await using (var target = where.Target())
        {
            written = await new DeliveryGenerator(new GeneratorOptions
            {
                From = First,
                To = Last,
                Seed = 5,
                Anomalies = FindingKinds.All.Where(k => k is not (FindingKind.UnlockedObject or FindingKind.UnreadableObject)).ToHashSet(),
            }).WriteAsync(target);
        }

        var report = await VerifyAsync(where);
        Assert.Equal(7, report.Findings.Count);
        foreach (var expected in written.Injected)
        {
            var found = Assert.Single(report.Findings, f => f.Kind == expected.Kind);
            if (expected.Kind != FindingKind.DuplicateRecord)
            {
                Assert.Equal(expected.Object, found.Object);
            }

            Assert.Equal(expected.Line ?? found.Line, found.Line);
            Assert.Contains(expected.Detail.Split(' ')[0], found.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(1, report.Summary.FindingsByKind.Single(k => k.Key == "missing_day").Value);
    }

    [Theory]
    [InlineData(Store.Folder)]
    [InlineData(Store.Bucket)]
    public async Task Bad_objects_each_give_a_finding(Store store)
    {
        await using var where = await Where.CreateAsync(store, "bad-input");
        var good = Gz.CloudEvent("ok-1");
        var truncated = Gz.Compress(string.Concat(Enumerable.Range(0, 200).Select(i => Gz.CloudEvent($"t-{i}") + "\n")));
        var random = new byte[3000];
        new Random(3).NextBytes(random);
        var invalidUtf8 = Encoding.UTF8.GetBytes(Gz.CloudEvent("u-1") + "\n");
        invalidUtf8[40] = 0xC3;
        invalidUtf8[41] = 0x28;
        var objects = new Dictionary<string, byte[]>
        {
            [Day + "akamai_log-000001-1793491300-000001-config.gz"] = truncated[..(truncated.Length * 2 / 3)],
            [Day + "akamai_log-000002-1793491300-000002-config.gz"] = random,
            [Day + "akamai_log-000003-1793491300-000003-config.gz"] = Encoding.UTF8.GetBytes(good + "\n"),
            [Day + "akamai_log-000004-1793491300-000004-config.gz"] = Gz.Compress(good + "\n" + new string('x', 10 * 1024 * 1024) + "\n" + Gz.CloudEvent("ok-2") + "\n"),
            [Day + "akamai_log-000005-1793491300-000005-config.gz"] = Gz.Compress(invalidUtf8),
            [Day + "akamai_log-000006-1793491300-000006-config.gz"] = Gz.Compress("[1,2,3]\n42\n" + Gz.CloudEvent("n-1").Replace("\"post-linode-instance\"", "7", StringComparison.Ordinal) + "\n"),
            [Day + "akamai_log-000007-1793491300-000007-login.gz"] = [],
            [Day + "akamai_log-000008-1793491300-000008-login.gz"] = Gz.Compress(Gz.CloudEvent("l-1", code: "login-success", type: "com.akamai.audit.login") + "\n"),
            [Day + "notes for you ✓.txt"] = Encoding.UTF8.GetBytes("hello"),
            ["cloud-logs-test-connection-1793491200"] = [],
        };
        foreach (var (key, content) in objects)
        {
            await where.PutAsync(key, content);
        }

        var report = await VerifyAsync(where, First, First);
        string Key(int n) => objects.Keys.Single(k => k.Contains($"akamai_log-00000{n}-", StringComparison.Ordinal));
        Finding Find(FindingKind kind, int n) => Assert.Single(report.Findings, f => f.Kind == kind && f.Object == Key(n));

        Assert.Contains("truncated", Find(FindingKind.CorruptObject, 1).Detail, StringComparison.Ordinal);
        Assert.Contains("not gzip", Find(FindingKind.CorruptObject, 2).Detail, StringComparison.Ordinal);
        Assert.Contains("not gzip", Find(FindingKind.CorruptObject, 3).Detail, StringComparison.Ordinal);
        var tooLong = Find(FindingKind.MalformedRecord, 4);
        Assert.Equal(2, tooLong.Line);
        Assert.Contains("longer than", tooLong.Detail, StringComparison.Ordinal);
        Assert.Equal("not valid UTF-8", Find(FindingKind.MalformedRecord, 5).Detail);
        var shapes = report.Findings.Where(f => f.Object == Key(6)).OrderBy(f => f.Line).ToList();
        Assert.Equal([1L, 2L, 3L], shapes.Select(f => f.Line!.Value));
        Assert.Contains("it is an array", shapes[0].Detail, StringComparison.Ordinal);
        Assert.Contains("it is a number", shapes[1].Detail, StringComparison.Ordinal);
        Assert.Contains("data.eventcode must be a string, found a number", shapes[2].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Object == Key(7) || f.Object == Key(8) || f.Object.StartsWith("cloud-logs", StringComparison.Ordinal));
        Assert.Single(report.Findings, f => f.Kind == FindingKind.UnexpectedObject && f.Object == Day + "notes for you ✓.txt");
        Assert.Equal(1, report.Summary.ProbeObjects);
        Assert.Equal(8, report.Summary.Objects);
        Assert.Equal(0, report.Summary.FindingsByKind.Single(k => k.Key == "missing_day").Value);
    }

    [Theory]
    [InlineData(Store.Folder)]
    [InlineData(Store.Bucket)]
    public async Task An_empty_source_misses_every_day(Store store)
    {
        await using var where = await Where.CreateAsync(store, "empty");
        var report = await VerifyAsync(where);
        Assert.Equal(3, report.Findings.Count);
        Assert.All(report.Findings, f => Assert.Equal(FindingKind.MissingDay, f.Kind));
        Assert.Equal(0, report.Summary.Objects);
    }

    [Fact]
    public async Task A_custom_destination_path_is_verified_flat()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "custom-path");
        await using (var target = where.Target())
        {
            await new DeliveryGenerator(new GeneratorOptions { From = First, To = Last, Path = "audit/prod", Anomalies = new HashSet<FindingKind> { FindingKind.MissingDay } }).WriteAsync(target);
        }

        var report = await VerifyAsync(where, settings: new ReaderSettings { Path = "audit/prod" });
        var missing = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MissingDay, missing.Kind);
        Assert.Equal("audit/prod/", missing.Object);
        Assert.Contains("2026-11-03", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.Summary.ProbeObjects);
    }

    [Fact]
    public async Task Findings_beyond_the_limit_are_counted_not_kept()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "limit");
        await where.PutAsync(Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.Compress(string.Concat(Enumerable.Repeat("[]\n", 50))));
        var report = await VerifyAsync(where, First, First, new ReaderSettings { MaxFindings = 5 });
        Assert.Equal(50, report.Summary.Findings);
        Assert.Equal(5, report.Summary.FindingsListed);
        Assert.Equal(5, report.Findings.Count);
    }

    [Fact]
    public async Task Records_filed_under_another_day_are_within_tolerance_when_configured()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "tolerance");
        await where.PutAsync(Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.Compress(Gz.CloudEvent("late", time: "2026-11-02T00:03:00Z") + "\n"));
        Assert.Single((await VerifyAsync(where, First, First, new ReaderSettings { PartitionToleranceMinutes = 0 })).Findings, f => f.Kind == FindingKind.PartitionMismatch);
        Assert.Empty((await VerifyAsync(where, First, First, new ReaderSettings { PartitionToleranceMinutes = 5 })).Findings);
    }

    [Fact]
    public async Task Duplicates_across_objects_are_found_once()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "dupes");
        await where.PutAsync(Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.Compress(Gz.CloudEvent("same") + "\n" + Gz.CloudEvent("other") + "\n"));
        await where.PutAsync(Day + "akamai_log-000002-1793491400-000002-config.gz", Gz.Compress(Gz.CloudEvent("same") + "\n"));
        var report = await VerifyAsync(where, First, First, new ReaderSettings { Parallelism = 2 });
        var dupe = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.DuplicateRecord, dupe.Kind);
        // Whichever worker read first, the copy in the later object (listing order) is the finding, naming the first.
        Assert.Equal(Day + "akamai_log-000002-1793491400-000002-config.gz", dupe.Object);
        Assert.Equal(1, dupe.Line);
        Assert.EndsWith("id \"same\" was delivered before, first at " + Day + "akamai_log-000001-1793491300-000001-config.gz line 1", dupe.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Store.Folder)]
    [InlineData(Store.Bucket)]
    public async Task Identity_is_source_and_id_for_cloud_events_and_audit_id_and_stage_for_kubernetes(Store store)
    {
        await using var where = await Where.CreateAsync(store, "identity");
        const string Lke = "lke_audit_logs/com.akamai.audit/ACC/lke7/2026/11/01/";
        // One exec request: three stage Events with one auditID, then the last stage delivered again.
        string[] stages = ["RequestReceived", "ResponseStarted", "ResponseComplete"];
        await where.PutAsync(Lke + "akamai_log-000001-1793491300-000001-k8s.gz", Gz.Compress(string.Join('\n', stages.Select(s => Gz.K8sEvent("req-1", stage: s))) + "\n"));
        await where.PutAsync(Lke + "akamai_log-000002-1793491400-000002-k8s.gz", Gz.Compress(Gz.K8sEvent("req-1", stage: "ResponseComplete") + "\n"));
        // The same CloudEvents id from two sources is two events; from one source twice, a duplicate.
        await where.PutAsync(Day + "akamai_log-000003-1793491300-000003-config.gz", Gz.Compress(
            Gz.CloudEvent("evt-9", source: "/service/linode") + "\n" + Gz.CloudEvent("evt-9", source: "/service/object-storage") + "\n" + Gz.CloudEvent("evt-9", source: "/service/linode") + "\n"));

        var report = await VerifyAsync(where, First, First, new ReaderSettings { Parallelism = 1 });
        Assert.Equal(7, report.Summary.Records);
        var duplicates = report.Findings.Where(f => f.Kind == FindingKind.DuplicateRecord).ToList();
        Assert.Equal(2, duplicates.Count);
        Assert.Contains(duplicates, f => f.Detail == "auditID \"req-1\" stage \"ResponseComplete\" was delivered before, first at " + Lke + "akamai_log-000001-1793491300-000001-k8s.gz line 3");
        Assert.Contains(duplicates, f => f.Line == 3 && f.Detail == "source \"/service/linode\" id \"evt-9\" was delivered before, first at line 1 of the same object");
    }

    [Fact]
    public async Task An_object_uploaded_in_parts_each_its_own_gzip_member_is_read_whole_from_the_bucket()
    {
        await using var where = await Where.CreateAsync(Store.Bucket, "multipart");
        // S3 parts other than the last must be at least 5 MiB: the first part is a stored (uncompressed) member.
        var firstPart = string.Concat(Enumerable.Range(1, 30_000).Select(i => Gz.CloudEvent($"p1-{i}") + "\n"));
        byte[] stored;
        using (var ms = new MemoryStream())
        {
            using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.NoCompression, leaveOpen: true))
            {
                gz.Write(Encoding.UTF8.GetBytes(firstPart));
            }

            stored = ms.ToArray();
        }

        Assert.True(stored.Length > 5 << 20);
        var secondPart = Gz.Compress(Gz.CloudEvent("p2-1") + "\n" + Gz.CloudEvent("p2-2") + "\n");
        var (bucket, prefix) = (where.Location[5..].Split('/', 2)[0], where.Location[5..].Split('/', 2)[1]);
        var key = $"{prefix}/{Day}akamai_log-000001-1793491300-000001-config.gz";
        using var client = AuditInfra.TestSupport.S3TestServer.Instance.CreateClient();
        var upload = await client.InitiateMultipartUploadAsync(bucket, key);
        var etags = new List<Amazon.S3.Model.PartETag>();
        foreach (var (part, number) in new[] { (stored, 1), (secondPart, 2) })
        {
            var response = await client.UploadPartAsync(new Amazon.S3.Model.UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = number, InputStream = new MemoryStream(part),
            });
            etags.Add(new Amazon.S3.Model.PartETag(number, response.ETag));
        }

        await client.CompleteMultipartUploadAsync(new Amazon.S3.Model.CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = etags });

        var report = await VerifyAsync(where, First, First);
        Assert.Empty(report.Findings);
        Assert.Equal(30_002, report.Summary.Records);
    }

    [Fact]
    public async Task A_multi_megabyte_deeply_nested_kubernetes_event_is_valid_by_default_and_the_limits_are_settings()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "large-event");
        const string Lke = "lke_audit_logs/com.akamai.audit/ACC/lke7/2026/11/01/";
        // A RequestResponse Event: a 5 MiB request object nested 200 levels deep, as a big custom resource makes it.
        var nested = string.Concat(Enumerable.Repeat("{\"n\":", 200)) + "1" + new string('}', 200);
        var body = "{\"spec\":{\"blob\":\"" + new string('q', 5 << 20) + "\",\"tree\":" + nested + "}}";
        var large = Gz.K8sEvent("big-1").Replace("\"level\":\"Metadata\"", $"\"level\":\"RequestResponse\",\"requestObject\":{body}", StringComparison.Ordinal);
        await where.PutAsync(Lke + "akamai_log-000001-1793491300-000001-k8s.gz", Gz.Compress(large + "\n" + Gz.K8sEvent("small-1") + "\n"));
        // A config line of 2 MiB is still too long: Akamai's records are a few KiB.
        await where.PutAsync(Day + "akamai_log-000002-1793491300-000002-config.gz", Gz.Compress(Gz.CloudEvent("long-1").Replace("\"alice\"", $"\"{new string('a', 2 << 20)}\"", StringComparison.Ordinal) + "\n"));

        var report = await VerifyAsync(where, First, First);
        var tooLong = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MalformedRecord, tooLong.Kind);
        Assert.Contains("MaxLineBytes", tooLong.Detail, StringComparison.Ordinal);
        Assert.Equal(2, report.Summary.Records); // both Kubernetes Events

        report = await VerifyAsync(where, First, First, new ReaderSettings { MaxKubernetesLineBytes = 1 << 20, MaxLineBytes = 4 << 20 });
        Assert.Contains("MaxKubernetesLineBytes", Assert.Single(report.Findings).Detail, StringComparison.Ordinal);

        report = await VerifyAsync(where, First, First, new ReaderSettings { MaxJsonDepth = 64, MaxLineBytes = 4 << 20 });
        Assert.Equal("nested deeper than 64 levels (the limit is the MaxJsonDepth setting)", Assert.Single(report.Findings).Detail);
    }

    [Fact]
    public async Task Object_storage_s3_codes_are_a_known_family_not_unknown_codes()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "s3-family");
        await where.PutAsync(Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.Compress(
            Gz.CloudEvent("s-1", code: "s3-DeleteBucket") + "\n" + Gz.CloudEvent("s-2", code: "s3:putbucketpolicy") + "\n" + Gz.CloudEvent("s-3", code: "t3-DeleteBucket") + "\n"));

        var report = await VerifyAsync(where, First, First);
        var unknown = Assert.Single(report.Findings);
        Assert.Equal((FindingKind.UnknownEventCode, 3L), (unknown.Kind, unknown.Line));
        Assert.Equal(2, report.Summary.RecordsByService.Single(s => s.Key == "Storage").Value);
        Assert.Equal(0, report.Summary.CatalogCoverage.Seen); // coverage counts listed codes only
    }

    [Fact]
    public async Task An_event_code_with_json_escapes_is_decoded_before_the_catalog_lookup()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "escaped-code");
        var escaped = Gz.CloudEvent("esc-1").Replace("\"post-linode-instance\"", "\"post-\\u006cinode-instance\"", StringComparison.Ordinal);
        var unknown = Gz.CloudEvent("esc-2").Replace("\"post-linode-instance\"", "\"post-\\u006cinode-nonsense\"", StringComparison.Ordinal);
        await where.PutAsync(Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.Compress(escaped + "\n" + unknown + "\n"));

        var report = await VerifyAsync(where, First, First);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.UnknownEventCode, finding.Kind);
        Assert.Equal(2, finding.Line);
        Assert.Equal(1, report.Summary.RecordsByEventCode.Single(c => c.Key == "post-linode-instance").Value);
    }

    private static Task<VerifyReport> VerifyAsync(Where where, ReaderSettings? settings = null) => VerifyAsync(where, First, Last, settings);

    private static async Task<VerifyReport> VerifyAsync(Where where, DateOnly from, DateOnly to, ReaderSettings? settings = null)
    {
        await using var source = await where.OpenAsync();
        return await new Verifier(settings ?? new ReaderSettings()).RunAsync(source, from, to);
    }
}

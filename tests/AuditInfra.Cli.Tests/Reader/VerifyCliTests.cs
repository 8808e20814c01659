using System.Text.Json;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests.Reader;

public class VerifyCliTests
{
    private static readonly string[] Kinds =
        ["unknown_event_code", "malformed_record", "corrupt_object", "duplicate_record", "partition_mismatch", "missing_day", "unexpected_object", "unlocked_object",
         "digest_missing", "digest_invalid", "chain_broken", "object_deleted", "object_modified", "object_injected", "late_object", "unreadable_object"];

    [Fact]
    public async Task The_readme_first_command_prints_a_clean_report()
    {
        var (exit, output, err) = await CliRun.RunAsync("verify", "--source", RepoPaths.Combine("samples", "delivery"), "--from", "2026-11-01", "--to", "2026-11-03");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, err);
        Assert.Contains("findings     none", output, StringComparison.Ordinal);
        Assert.Contains("catalog      ", output, StringComparison.Ordinal);
        Assert.Contains("3/3 days", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_after_today_is_an_empty_range_with_exit_3()
    {
        // Real "now": two days ahead stay in the future even if the test runs across midnight.
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var (exit, output, err) = await CliRun.RunAsync(
            "verify", "--source", RepoPaths.Combine("samples", "delivery"), "--from", $"{first:yyyy-MM-dd}", "--to", $"{first.AddDays(3):yyyy-MM-dd}", "--format", "json");
        Assert.Equal(3, exit);
        Assert.Contains("is after today", err, StringComparison.Ordinal);
        Assert.Contains("(exit 3)", err, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("read_to").ValueKind);
        Assert.Equal(0, summary.GetProperty("findings").GetInt32());
        Assert.Single(summary.GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task The_anomaly_sample_shows_every_kind_as_json_and_exits_1()
    {
        var (exit, output, _) = await CliRun.RunAsync(
            "verify", "--source", RepoPaths.Combine("samples", "delivery-with-anomalies"), "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["summary", "findings"], root.EnumerateObject().Select(p => p.Name));
        var summary = root.GetProperty("summary");
        foreach (var key in new[] { "objects", "records", "bytes", "findings", "findings_by_kind", "records_by_event_code", "records_by_service", "catalog_coverage" })
        {
            Assert.True(summary.TryGetProperty(key, out _), key);
        }

        Assert.Equal(Kinds, summary.GetProperty("findings_by_kind").EnumerateObject().Select(p => p.Name));
        Assert.Equal(156, summary.GetProperty("catalog_coverage").GetProperty("known").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(7, findings.Count);
        Assert.Equal(Kinds[..7].Order(), findings.Select(f => f.GetProperty("kind").GetString()!).Order());
        Assert.All(findings, f =>
        {
            Assert.False(string.IsNullOrEmpty(f.GetProperty("object").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("detail").GetString()));
            Assert.True(f.GetProperty("line").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
        });
        Assert.Equal(4, findings.Single(f => f.GetProperty("kind").GetString() == "partition_mismatch").GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "verify", "--source", "x", "--to", "2026-11-03" }, "--from")]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-13-01", "--to", "2026-11-03" }, "--from '2026-13-01' is not a date")]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-11-03", "--to", "2026-11-01" }, "is before --from")]
    [InlineData(new[] { "verify", "--source", "/no/such/folder", "--from", "2026-11-01", "--to", "2026-11-01" }, "source folder /no/such/folder does not exist")]
    [InlineData(new[] { "verify", "--from", "2026-11-01", "--to", "2026-11-01" }, "no source")]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-11-01", "--to", "2026-11-01", "--format", "xml" }, "xml")]
    [InlineData(new[] { "verify", "--source", "s3://", "--from", "2026-11-01", "--to", "2026-11-01" }, "names no bucket")]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-11-01", "--to", "2026-11-01", "--config", "/no/settings.json" }, "settings file /no/settings.json does not exist")]
    public async Task Usage_errors_are_one_line_and_exit_2(string[] args, string expected)
    {
        var (exit, output, err) = await CliRun.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        CliRun.AssertOneLineError(err, expected);
    }

    [Fact]
    public async Task A_missing_bucket_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory("cli");
        var (exit, _, err) = await CliRun.RunAsync("verify", "--source", "s3://auditinfra-missing-bucket", "--from", "2026-11-01", "--to", "2026-11-01", "--config", CliRun.S3Settings(dir));
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "bucket auditinfra-missing-bucket does not exist");
    }

    [Fact]
    public async Task Wrong_credentials_are_one_line_without_the_secret()
    {
        using var dir = new TempDirectory("cli");
        var bucket = await S3TestServer.Instance.CreateBucketAsync("cli-creds");
        var (exit, _, err) = await CliRun.RunAsync("verify", "--source", $"s3://{bucket}", "--from", "2026-11-01", "--to", "2026-11-01", "--config", CliRun.S3Settings(dir, secretKey: "not-the-secret-123"));
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "SignatureDoesNotMatch");
        Assert.DoesNotContain("not-the-secret-123", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_is_one_line()
    {
        using var dir = new TempDirectory("cli");
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (exit, _, err) = await CliRun.RunAsync("verify", "--source", "s3://b", "--from", "2026-11-01", "--to", "2026-11-01", "--config", CliRun.S3Settings(dir), "--endpoint", $"http://127.0.0.1:{port}");
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, $"S3 endpoint http://127.0.0.1:{port} is not answering");
    }

    [Fact]
    public async Task An_empty_bucket_reports_missing_days()
    {
        using var dir = new TempDirectory("cli");
        var bucket = await S3TestServer.Instance.CreateBucketAsync("cli-empty");
        var (exit, output, _) = await CliRun.RunAsync("verify", "--source", $"s3://{bucket}", "--from", "2026-11-01", "--to", "2026-11-02", "--config", CliRun.S3Settings(dir), "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetProperty("summary").GetProperty("findings_by_kind").GetProperty("missing_day").GetInt32());
    }

    [Fact]
    public async Task Generate_into_a_bucket_then_verify_it_finds_every_injected_kind()
    {
        using var dir = new TempDirectory("cli");
        var settings = CliRun.S3Settings(dir);
        var bucket = S3TestServer_UniqueName();
        var (genExit, genOut, genErr) = await CliRun.RunAsync(
            "generate", "--output", $"s3://{bucket}/logs", "--from", "2026-11-01", "--until", "2026-11-02", "--anomalies", "all", "--create-bucket", "--config", settings, "--seed", "9");
        Assert.True(genExit == 0, genErr);
        Assert.Contains("injected missing_day", genOut, StringComparison.Ordinal);

        var (exit, output, _) = await CliRun.RunAsync("verify", "--source", $"s3://{bucket}/logs", "--from", "2026-11-01", "--to", "2026-11-02", "--config", settings, "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var byKind = doc.RootElement.GetProperty("summary").GetProperty("findings_by_kind");
        foreach (var kind in Kinds[..7])
        {
            Assert.Equal(1, byKind.GetProperty(kind).GetInt32());
        }
    }

    [Fact]
    public async Task Light_gets_that_meet_faults_change_nothing_in_the_report_and_print_no_presigned_url()
    {
        using var dir = new TempDirectory("cli-light");
        var bucket = S3TestServer_UniqueName();
        var (genExit, _, genErr) = await CliRun.RunAsync(
            "generate", "--output", $"s3://{bucket}", "--from", "2026-11-01", "--until", "2026-11-02", "--no-empty", "--create-bucket", "--config", CliRun.S3Settings(dir), "--seed", "5");
        Assert.True(genExit == 0, genErr);
        await using var proxy = await FaultProxy.StartAsync(S3TestServer.Instance.Endpoint);
        var light = CliRun.S3Settings(dir, endpoint: proxy.Endpoint);
        var sdk = dir.Combine("sdk.json");
        File.WriteAllText(sdk, File.ReadAllText(light).Replace("\"MaxRetries\": 1", "\"MaxRetries\": 1, \"LightReadAhead\": false", StringComparison.Ordinal));

        // The first object GETs are the read-ahead's light ones: an altered body, a broken one, a 503.
        proxy.Add(new FaultRule { Kind = FaultKind.FlipByte, Times = 2, StallAfterBytes = 100 });
        proxy.Add(new FaultRule { Kind = FaultKind.BreakBody, Times = 1, StallAfterBytes = 100 });
        proxy.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Times = 1 });
        string[] verify = ["verify", "--source", $"s3://{bucket}", "--from", "2026-11-01", "--to", "2026-11-02", "--format", "json", "--config"];
        var viaLight = await CliRun.RunAsync([.. verify, light]);
        Assert.Equal(4, proxy.InjectedTotal);
        var viaSdk = await CliRun.RunAsync([.. verify, sdk]);

        Assert.True(viaLight.Exit == 0, viaLight.Out + viaLight.Err);
        Assert.Equal(viaSdk.Exit, viaLight.Exit);
        foreach (var count in new[] { "objects", "records", "bytes", "uncompressed_bytes", "findings" })
        {
            Assert.Equal(Summary(viaSdk.Out, count), Summary(viaLight.Out, count));
        }

        Assert.True(Summary(viaLight.Out, "records") > 0);
        foreach (var secret in new[] { "X-Amz-Signature", "X-Amz-Credential", S3TestServer.Instance.AccessKey, S3TestServer.Instance.SecretKey })
        {
            Assert.DoesNotContain(secret, viaLight.Out + viaLight.Err, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static long Summary(string json, string name)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("summary").GetProperty(name).GetInt64();
    }

    [Fact]
    public async Task Generate_into_a_folder_then_verify_is_clean()
    {
        using var dir = new TempDirectory("cli");
        var (genExit, _, _) = await CliRun.RunAsync("generate", "--output", dir.Path, "--from", "2026-11-01", "--until", "2026-11-04", "--clusters", "2", "--seed", "3");
        Assert.Equal(0, genExit);
        var (exit, output, _) = await CliRun.RunAsync("verify", "--source", dir.Path, "--from", "2026-11-01", "--to", "2026-11-04");
        Assert.Equal(0, exit);
        Assert.Contains("4/4 days", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_rejects_unknown_anomaly_kinds()
    {
        using var dir = new TempDirectory("cli");
        var (exit, _, err) = await CliRun.RunAsync("generate", "--output", dir.Path, "--from", "2026-11-01", "--anomalies", "gremlins");
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "'gremlins' is not a finding kind");
    }

    private static string S3TestServer_UniqueName() => S3TestServer.UniqueBucketName("cli-generate");
}

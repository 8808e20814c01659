using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AuditInfra.Cli.Tests.Reader;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests;

/// <summary>
/// What a new user meets in the first hour: errors in plain words naming the flag, one vocabulary for formats and
/// streams, generate's --output/--to, endpoints from a host or a Linode region, and a silent endpoint reported
/// promptly with notes while waiting.
/// </summary>
public sealed class FirstHourCliTests
{
    private static readonly string Sample = RepoPaths.Combine("samples", "delivery");

    [Theory]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-11-01", "--to", "2026-11-01", "--parallelism", "abc" }, "--parallelism 'abc' is not a whole number")]
    [InlineData(new[] { "query", "--source", "x", "--from", "2026-11-01", "--limit", "lots" }, "--limit 'lots' is not a whole number")]
    [InlineData(new[] { "generate", "--output", "x", "--from", "2026-11-01", "--records", "9999999999" }, "--records '9999999999' is not a whole number")]
    [InlineData(new[] { "generate", "--output", "x", "--from", "2026-11-01", "--records", "-1" }, "--records must not be negative (got -1)")]
    [InlineData(new[] { "generate", "--output", "x", "--from", "2026-11-01", "--accounts", "0" }, "--accounts must be at least 1 (got 0)")]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-11-01", "--to", "2026-11-01", "--max-findings", "-5" }, "--max-findings must not be negative (got -5)")]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-11-01", "--to", "2026-11-01", "--parallelism", "-3" }, "--parallelism must not be negative (got -3)")]
    [InlineData(new[] { "query", "--source", "x", "--from", "2026-11-01", "--offset", "-2" }, "--offset must not be negative (got -2)")]
    public async Task Bad_numbers_name_their_flag_in_plain_words(string[] args, string expected)
    {
        var (exit, output, err) = await CliRun.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        CliRun.AssertOneLineError(err, expected);
        Assert.DoesNotContain("System.", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_page_is_refused_before_reading_instead_of_overflowing()
    {
        var (exit, _, err) = await CliRun.RunAsync("query", "--source", Sample, "--from", "2026-11-01", "--to", "2026-11-03", "--limit", "2000000000", "--offset", "2000000000");
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "--offset plus --limit is");
        Assert.DoesNotContain("Overflow", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_given_as_config_says_it_is_a_folder()
    {
        using var dir = new TempDirectory("config-dir");
        var (exit, _, err) = await CliRun.RunAsync("verify", "--source", Sample, "--from", "2026-11-01", "--to", "2026-11-01", "--config", dir.Path);
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, $"--config {dir.Path} is a folder");
    }

    [Theory]
    [InlineData("verify", "JSON")]
    [InlineData("verify", "Text")]
    [InlineData("detect", "TEXT")]
    [InlineData("query", "table")]
    [InlineData("query", "text")]
    [InlineData("query", "NDJSON")]
    [InlineData("filter-options", "text")]
    [InlineData("filter-options", "table")]
    public async Task Formats_take_one_name_any_case_and_the_old_aliases(string command, string format)
    {
        var (exit, output, err) = await CliRun.RunAsync(command, "--source", Sample, "--from", "2026-11-01", "--to", "2026-11-03", "--format", format);
        Assert.True(exit is 0 or 1, err);
        Assert.NotEqual(string.Empty, output);
        if (format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            using var _ = JsonDocument.Parse(output);
        }
    }

    [Fact]
    public async Task An_unknown_format_lists_the_names_in_one_line()
    {
        var (exit, _, err) = await CliRun.RunAsync("query", "--source", Sample, "--from", "2026-11-01", "--format", "xml");
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "--format 'xml' is not one of text, jsonl, json, csv");
    }

    [Fact]
    public async Task Generate_writes_to_output_and_to_is_the_end_date()
    {
        using var dir = new TempDirectory("generate-output");
        var target = dir.Combine("delivery");
        var (exit, output, err) = await CliRun.RunAsync("generate", "--output", target, "--from", "2026-11-01", "--to", "2026-11-03", "--anomalies", "duplicate_record,missing_day");
        Assert.True(exit == 0, err);
        Assert.Contains("injected missing_day", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists("2026-11-03"));

        var verify = await CliRun.RunAsync("verify", "--source", target, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json");
        using var report = JsonDocument.Parse(verify.Out);
        var kinds = report.RootElement.GetProperty("summary").GetProperty("findings_by_kind");
        Assert.Equal(1, kinds.GetProperty("missing_day").GetInt32());
        Assert.Equal(1, kinds.GetProperty("duplicate_record").GetInt32());

        // --until is the end date's old name; the same options give the same bytes.
        var again = dir.Combine("again");
        Assert.Equal(0, (await CliRun.RunAsync("generate", "--output", again, "--from", "2026-11-01", "--until", "2026-11-03", "--anomalies", "duplicate_record,missing_day")).Exit);
        Assert.Equal(Directory.GetFiles(target, "*", SearchOption.AllDirectories).Length, Directory.GetFiles(again, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Generate_with_a_folder_as_to_points_at_output()
    {
        using var dir = new TempDirectory("generate-old-to");
        var (exit, _, err) = await CliRun.RunAsync("generate", "--output", dir.Combine("x"), "--from", "2026-11-01", "--to", dir.Combine("y"));
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "the folder or bucket to write to is --output");
        Assert.False(Directory.Exists(dir.Combine("x")));
    }

    [Fact]
    public async Task An_s3_source_without_endpoint_or_region_is_one_line_instead_of_aws()
    {
        var (exit, _, err) = await CliRun.RunAsync("verify", "--source", "s3://audit-logs", "--from", "2026-11-01", "--to", "2026-11-01");
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "no S3 endpoint: pass --region");

        (exit, _, err) = await CliRun.RunAsync("query", "--source", "s3://audit-logs", "--from", "2026-11-01", "--region", "atlantis");
        Assert.Equal(2, exit);
        CliRun.AssertOneLineError(err, "--region 'atlantis' is not a Linode Object Storage region");
    }

    [Fact]
    public async Task A_host_without_scheme_reaches_the_server_over_https()
    {
        await using var silent = SilentEndpoint.Start();
        using var dir = new TempDirectory("no-scheme");
        var settings = Settings(dir, $"127.0.0.1:{silent.Port}", firstAnswer: "00:00:01");
        var (exit, _, err) = await CliRun.RunAsync("verify", "--source", "s3://audit-logs", "--from", "2026-11-01", "--to", "2026-11-01", "--config", settings);
        Assert.Equal(2, exit);
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.StartsWith($"auditinfra: S3 endpoint https://127.0.0.1:{silent.Port} is not answering", lines[^1], StringComparison.Ordinal);
        Assert.InRange(lines.Length, 1, 4);
    }

    [Fact]
    public async Task An_endpoint_that_accepts_but_never_answers_is_reported_with_notes_while_waiting()
    {
        await using var silent = SilentEndpoint.Start();
        using var dir = new TempDirectory("silent");
        var settings = Settings(dir, $"http://127.0.0.1:{silent.Port}", firstAnswer: "00:00:02");
        var clock = Stopwatch.StartNew();
        var (exit, output, err) = await CliRun.RunAsync("detect", "--source", "s3://audit-logs", "--from", "2026-11-01", "--to", "2026-11-01", "--config", settings);
        clock.Stop();

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"auditinfra: waiting for http://127.0.0.1:{silent.Port} to answer (", StringComparison.Ordinal));
        Assert.InRange(lines.Length, 2, 4);
        Assert.Equal($"auditinfra: S3 endpoint http://127.0.0.1:{silent.Port} is not answering: no reply within 2 s (setting S3:FirstAnswerTimeout)", lines[^1]);
        // The request timeout (15 s) and its retries would take 85 s; the first-answer deadline cuts it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"took {clock.Elapsed}");
    }

    private static string Settings(TempDirectory dir, string endpoint, string firstAnswer)
    {
        var path = dir.Combine("settings.json");
        File.WriteAllText(path, $$$"""{"S3": {"Endpoint": "{{{endpoint}}}", "AccessKey": "AKEXAMPLE", "SecretKey": "secret", "FirstAnswerTimeout": "{{{firstAnswer}}}"}}""");
        return path;
    }

    /// <summary>A loopback listener that accepts connections and never answers: the worst case for a hang.</summary>
    private sealed class SilentEndpoint : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<TcpClient> _held = [];
        private Task _accepting = Task.CompletedTask;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static SilentEndpoint Start()
        {
            var endpoint = new SilentEndpoint();
            endpoint._listener.Start();
            endpoint._accepting = endpoint.AcceptAsync();
            return endpoint;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _accepting;
            _held.ForEach(c => c.Dispose());
            _listener.Dispose();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    _held.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

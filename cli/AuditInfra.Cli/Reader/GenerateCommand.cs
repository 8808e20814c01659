using System.CommandLine;
using System.Globalization;
using AuditInfra.Reader.Generation;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Cli.Reader;

/// <summary><c>auditinfra generate</c>: a realistic synthetic delivery for demos, tests and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var shared = new ReaderOptions();
        // --output is the target and --to the end date, as in every other command; --until is the end date's old name.
        var target = new Option<string>("--output") { Description = "Where to write: a folder (created if missing) or s3://bucket[/prefix].", Required = true, HelpName = "DIR|s3://bucket[/prefix]" };
        var from = new Option<string>("--from") { Description = "First UTC day, YYYY-MM-DD.", Required = true, HelpName = "DATE" };
        var until = new Option<string>("--to", "--until") { Description = "Last UTC day, YYYY-MM-DD (inclusive; default: --from).", HelpName = "DATE" };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed and options give the same delivery.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var accounts = new Option<int>("--accounts") { Description = "Accounts delivering audit_logs.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var clusters = new Option<int>("--clusters") { Description = "LKE clusters per account delivering lke_audit_logs (0: none).", HelpName = "N", DefaultValueFactory = _ => 1 };
        var configObjects = new Option<int>("--config-objects") { Description = "-config objects per account and day.", HelpName = "N", DefaultValueFactory = _ => 3 };
        var loginObjects = new Option<int>("--login-objects") { Description = "-login objects per account and day.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var k8sObjects = new Option<int>("--k8s-objects") { Description = "-k8s objects per cluster and day.", HelpName = "N", DefaultValueFactory = _ => 2 };
        var records = new Option<int>("--records") { Description = "Records per object.", HelpName = "N", DefaultValueFactory = _ => 20 };
        var anomalies = new Option<string?>("--anomalies")
        {
            Description = "Inject findings, each once: 'all' or a comma-separated list of unknown_event_code, malformed_record, corrupt_object, " +
                          "duplicate_record, partition_mismatch, missing_day, unexpected_object.",
            HelpName = "KINDS",
        };
        var noProbe = new Option<bool>("--no-probe") { Description = "Do not write the destination's cloud-logs-test-connection probe object." };
        var noEmpty = new Option<bool>("--no-empty") { Description = "Do not write the one empty delivery object." };
        var fast = new Option<bool>("--fast") { Description = "Fastest gzip level (big corpora for benchmarks)." };
        var createBucket = new Option<bool>("--create-bucket") { Description = "Create the bucket first (S3 targets)." };

        Counts.AtLeast(0, clusters, configObjects, loginObjects, k8sObjects, records);
        Counts.AtLeast(1, accounts);
        var command = new Command("generate", "Write a realistic synthetic delivery (Akamai's keys, gzip JSON Lines, config, sign-in and LKE files, probe objects) to a folder or bucket.")
        {
            target, from, until, seed, accounts, clusters, configObjects, loginObjects, k8sObjects, records, anomalies, noProbe, noEmpty, fast, createBucket,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => UserErrors.RunAsync(console, async () =>
        {
            var first = ReaderOptions.ParseDate(parse.GetValue(from), "--from");
            var last = parse.GetValue(until) is { } u ? ParseEndDate(u) : first;
            var settings = shared.Load(parse, []);
            var options = new GeneratorOptions
            {
                Seed = parse.GetValue(seed),
                From = first,
                To = last,
                Accounts = parse.GetValue(accounts),
                Clusters = parse.GetValue(clusters),
                ConfigObjectsPerDay = parse.GetValue(configObjects),
                LoginObjectsPerDay = parse.GetValue(loginObjects),
                KubernetesObjectsPerDay = parse.GetValue(k8sObjects),
                RecordsPerObject = parse.GetValue(records),
                Anomalies = ParseAnomalies(parse.GetValue(anomalies)),
                Probe = !parse.GetValue(noProbe),
                EmptyObject = !parse.GetValue(noEmpty),
                FastCompression = parse.GetValue(fast),
                Path = settings.Path,
            };
            var generator = new DeliveryGenerator(options);
            var location = parse.GetValue(target)!;
            await using IDeliveryTarget sink = LogSourceFactory.IsS3(location)
                ? await OpenBucketAsync(location, settings.S3, parse.GetValue(createBucket), console.WaitingFor, ct)
                : new FolderDeliveryTarget(location);
            var result = await generator.WriteAsync(sink, ct);
            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {result.Objects:#,0} objects, {result.Records:#,0} records ({result.StoredBytes:#,0} bytes stored, {result.UncompressedBytes:#,0} uncompressed) to {sink.Description}"));
            foreach (var f in result.Injected)
            {
                console.Out.WriteLine($"  injected {FindingKinds.Name(f.Kind)}: {f.Object}{(f.Line is { } l ? ":" + l.ToString(CultureInfo.InvariantCulture) : string.Empty)}");
            }

            return ExitCodes.Clean;
        }));
        return command;
    }

    // Before, --to named the target: a folder or bucket given there gets a hint instead of only "not a date".
    private static DateOnly ParseEndDate(string text)
    {
        try
        {
            return ReaderOptions.ParseDate(text, "--to");
        }
        catch (ArgumentException) when (!text.StartsWith("20", StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"--to '{text}' is not a date in the form YYYY-MM-DD (--to is the last day; the folder or bucket to write to is --output)");
        }
    }

    private static HashSet<FindingKind> ParseAnomalies(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (text.Trim() == "all")
        {
            return [.. FindingKinds.All.Where(k => k is not (FindingKind.UnlockedObject or FindingKind.UnreadableObject))];
        }

        var kinds = new HashSet<FindingKind>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds.Add(FindingKinds.Parse(name) ?? throw new ArgumentException($"--anomalies: '{name}' is not a finding kind"));
        }

        return kinds;
    }

    private static async Task<IDeliveryTarget> OpenBucketAsync(
        string location, S3LogSourceOptions options, bool create, Action<string, TimeSpan> waiting, CancellationToken ct)
    {
        var target = new S3DeliveryTarget(location, options);
        try
        {
            if (create)
            {
                await target.CreateBucketIfMissingAsync(ct);
            }

            // Listing the bucket first turns a missing bucket or bad credentials into one clear line before anything is written.
            await using (await LogSourceFactory.OpenAsync(location, options, waiting, ct))
            {
            }

            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }
}

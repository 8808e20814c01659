using System.CommandLine;
using System.Globalization;
using AuditInfra.Reader.Integrity;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Reporting;
using AuditInfra.Reader.Retention;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;
using AuditInfra.Reader.Verification.Checks;

namespace AuditInfra.Cli.Reader;

/// <summary><c>auditinfra verify</c>: the reader job (DESIGN.md, report contract).</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var shared = new ReaderOptions();
        var source = new Option<string?>("--source")
        {
            Description = "The delivery to check: a folder laid out like the bucket, or s3://bucket[/prefix] (setting Source).",
            HelpName = "DIR|s3://bucket[/prefix]",
        };
        var from = new Option<string>("--from") { Description = "First UTC day to check, YYYY-MM-DD.", Required = true, HelpName = "DATE" };
        var to = new Option<string>("--to") { Description = "Last UTC day to check, YYYY-MM-DD (inclusive; clamped at today).", Required = true, HelpName = "DATE" };
        var format = FormatOption.Create("text (for people) or json (one document {\"summary\": {...}, \"findings\": [...]}, for scripts).", "text", "json");
        var parallelism = new Option<int?>("--parallelism") { Description = "Objects read at once, 1-256 (setting Parallelism; default: four per processor, to hide S3 latency).", HelpName = "N" };
        var maxFindings = new Option<int?>("--max-findings") { Description = "Findings listed in the report; all are counted (setting MaxFindings; default 1000).", HelpName = "N" };
        var checkRetention = new Option<bool>("--check-retention")
        {
            Description = "Also check Object Lock evidence (S3 only): every delivered object version must be retained in the expected mode " +
                          "until at least its delivery time plus the expected period (default: the bucket's default retention rule). Finding: unlocked_object.",
        };
        var expectMode = new Option<string?>("--expect-mode") { Description = "With --check-retention: require this mode instead of the bucket's default.", HelpName = "COMPLIANCE|GOVERNANCE" };
        var expectDays = new Option<int?>("--expect-days") { Description = "With --check-retention: require this many days instead of the bucket's default period.", HelpName = "N" };
        Counts.AtLeast(0, parallelism, maxFindings);
        Counts.AtLeast(1, expectDays);

        var integrity = new Option<bool>("--integrity")
        {
            Description = "Also check the signed digests written by 'seal' (needs --public-key). Findings: digest_missing, digest_invalid, chain_broken, " +
                          "object_deleted, object_modified, object_injected, late_object.",
        };
        var publicKey = new Option<string[]>("--public-key")
        {
            Description = "With --integrity: the sealer's public key (PEM); repeat while keys are rotated.",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        var period = new Option<string?>("--period") { Description = "With --integrity: the sealer's period, hour (default) or day.", HelpName = "hour|day" };
        var sealGrace = new Option<string?>("--seal-grace")
        {
            Description = "With --integrity: how long after a period ends its digest must exist (default 3h: the sealer's 1h delay plus an hourly schedule).",
            HelpName = "DURATION",
        };

        var command = new Command(
            "verify",
            "Check that a delivery is complete and valid for a range of days: every record against the event-code catalog, duplicates, " +
            "days without objects, damaged objects, records filed under the wrong day and keys that match no delivery pattern. " +
            "Exit codes: 0 complete and clean, 1 findings, 2 usage, configuration or access error (an S3 endpoint that is down), " +
            "3 read incompletely (unreadable_object: an object the source could not deliver whole after its retries; 3 wins over 1) or an empty range " +
            "(a range entirely after today, UTC). The range is clamped at now: days after today are not read, and today, still being delivered, " +
            "is read but a missing object for it is no finding (both said as notes).")
        {
            source, from, to, format, parallelism, maxFindings, checkRetention, expectMode, expectDays, integrity, publicKey, period, sealGrace,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => UserErrors.RunAsync(console, async () =>
        {
            var first = ReaderOptions.ParseDate(parse.GetValue(from), "--from");
            var last = ReaderOptions.ParseDate(parse.GetValue(to), "--to");
            if (last < first)
            {
                throw new ArgumentException($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}");
            }

            var settings = shared.Load(parse,
            [
                new("Source", parse.GetValue(source)),
                new("Parallelism", parse.GetValue(parallelism)?.ToString(CultureInfo.InvariantCulture)),
                new("MaxFindings", parse.GetValue(maxFindings)?.ToString(CultureInfo.InvariantCulture)),
            ]);
            if (string.IsNullOrWhiteSpace(settings.Source))
            {
                throw new ArgumentException("no source: pass --source DIR|s3://bucket[/prefix], or set Source in the settings file or AUDITINFRA_SOURCE");
            }

            await using var logSource = await LogSourceFactory.OpenAsync(settings.Source, settings.S3, console.WaitingFor, ct);
            List<IObjectCheck> extraChecks = [];
            if (parse.GetValue(checkRetention))
            {
                var (retentionCheck, _) = await RetentionCheckFactory.CreateAsync(
                    logSource, parse.GetValue(expectMode), parse.GetValue(expectDays), ct);
                extraChecks.Add(retentionCheck);
            }
            else if (parse.GetValue(expectMode) is not null || parse.GetValue(expectDays) is not null)
            {
                throw new ArgumentException("--expect-mode and --expect-days only apply with --check-retention");
            }

            List<IAsyncCompletionCheck> completionChecks = [];
            using var trusted = parse.GetValue(integrity) ? TrustedKeys.Load(parse.GetValue(publicKey) ?? []) : null;
            ILogSource checkedSource = logSource;
            if (trusted is not null)
            {
                var length = parse.GetValue(period) is { } p
                    ? SealPeriod.ParseLength(p) ?? throw new ArgumentException($"--period must be hour or day, got '{p}'")
                    : PeriodLength.Hour;
                var grace = parse.GetValue(sealGrace) is { } g ? AuditInfra.Cli.SyncCommand.ParseDuration(g, "--seal-grace") : new IntegrityOptions().Grace;
                var hashing = new HashingLogSource(logSource);
                checkedSource = hashing;
                completionChecks.Add(new IntegrityCheck(hashing, trusted, new IntegrityOptions { Length = length, Grace = grace }, settings.Path));
            }
            else if (parse.GetValue(publicKey) is { Length: > 0 } || parse.GetValue(period) is not null || parse.GetValue(sealGrace) is not null)
            {
                throw new ArgumentException("--public-key, --period and --seal-grace only apply with --integrity");
            }

            var verifier = new Verifier(settings, extraObjectChecks: extraChecks, completionChecks: completionChecks);
            VerifyReport report;
            await using (ProgressLine.Start(console, verifier.Progress))
            {
                report = await verifier.RunAsync(checkedSource, first, last, ct);
            }

            if (parse.GetValue(format) == "json")
            {
                using var buffer = new MemoryStream();
                JsonReportWriter.Write(report, buffer);
                await console.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                TextReportWriter.Write(report, console.Out);
            }

            foreach (var warning in report.Summary.Warnings)
            {
                console.WriteError($"verify: {warning}");
            }

            if (report.Summary.ReadTo is null)
            {
                console.WriteError($"verify: {report.Summary.Notes[0]} (exit 3)");
                return ExitCodes.Incomplete;
            }

            var unreadable = report.Summary.FindingsByKind.FirstOrDefault(k => k.Key == FindingKinds.Name(FindingKind.UnreadableObject)).Value;
            return unreadable > 0 ? ExitCodes.Incomplete : report.IsClean ? ExitCodes.Clean : ExitCodes.Findings;
        }));
        return command;
    }
}

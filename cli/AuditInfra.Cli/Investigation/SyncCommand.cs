using System.CommandLine;
using System.Globalization;
using AuditInfra.Investigation;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Sync;

namespace AuditInfra.Cli;

/// <summary><c>sync</c>: incremental collection of new objects' records as JSON Lines, for a SIEM.</summary>
internal static class SyncCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new SourceFlags();
        var checkpoint = new Option<string>("--checkpoint") { HelpName = "FILE", Description = "The checkpoint file (JSON; created on the first run, replaced atomically).", Required = true };
        var output = new Option<string>("--output")
        {
            HelpName = "FILE",
            Description = "Append records to this JSON Lines file (exactly once across crashes). Default: stdout (at least once: a kill between " +
                "writing and checkpointing repeats at most the last object).",
        };
        var since = new Option<string>("--since") { HelpName = "DATE", Description = "First run only: the first day to collect (backfill start). Default: today, no history." };
        var lateDays = new Option<int>("--late-days")
        {
            HelpName = "N",
            Description = "Days before the newest collected day that are listed again, so a delivery that lands late for them is collected.",
            DefaultValueFactory = _ => 1,
        };
        var dedupWindow = new Option<string>("--dedup-window")
        {
            HelpName = "DURATION",
            Description = "How long (by LastModified) collected objects and their record ids are remembered: 30m, 1h, 2d.",
            DefaultValueFactory = _ => "1h",
        };
        var giveUp = new Option<string[]>("--give-up")
        {
            HelpName = "KEY|all",
            Description = "Stop retrying these objects of the checkpoint's retry list (or all): each is read one last time, its readable records " +
                "are written and the rest is recorded in the quarantine file. Repeatable.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("sync",
            "Collect records of objects delivered since the last run, oldest delivery first, as JSON Lines (each delivered line verbatim). " +
            "The checkpoint (LastModified + key) advances only after the output is durable, and never past an object that was not read whole: " +
            "such an object writes nothing and stays in the checkpoint's retry list (attempts, last error) until a run reads it whole or " +
            "--give-up. Lines that are not records go to FILE.quarantine.jsonl next to the output (raw line, object, line number, reason). " +
            "Killed and restarted, it loses nothing and, with --output, writes nothing twice; Akamai's redelivered records are dropped by record id." +
            ExitCodes.Help(string.Empty).Replace("objects left to retry", "objects left in the retry list, lines quarantined", StringComparison.Ordinal));
        source.AddTo(command);
        command.Options.Add(checkpoint);
        command.Options.Add(output);
        command.Options.Add(since);
        command.Options.Add(lateDays);
        command.Options.Add(dedupWindow);
        command.Options.Add(giveUp);
        command.SetAction((parse, ct) => InvestigationRun.GuardAsync(console, async () =>
        {
            DateOnly? start = parse.GetValue(since) is { } text
                ? DateOnly.FromDateTime(TimeRange.ParseBound(text, "--since", endOfDay: false).UtcDateTime)
                : null;
            var options = new SyncOptions
            {
                CheckpointPath = parse.GetValue(checkpoint)!,
                OutputPath = parse.GetValue(output),
                Since = start,
                LateDays = parse.GetValue(lateDays),
                DedupWindow = ParseDuration(parse.GetValue(dedupWindow)!, "--dedup-window"),
                GiveUp = [.. (parse.GetValue(giveUp) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            };
            options.Validate();
            var configuration = source.LoadConfiguration(parse);
            var scanner = await source.OpenAsync(configuration, console.WaitingFor, ct);
            await using var _s = scanner.Source;
            var result = await new SyncRunner(scanner, options).RunAsync(console.Out, ct);
            InvestigationRun.WriteSummary(console, "sync",
                $"{result.Objects} new object(s), {result.RecordsWritten} record(s) written, {result.Duplicates} duplicate(s) dropped" +
                (result.Recovered > 0 ? $", {result.Recovered} already written by an interrupted run" : string.Empty) +
                $", listed {result.FirstDay:yyyy-MM-dd}..{result.LastDay:yyyy-MM-dd}",
                result.Statistics);
            InvestigationRun.WriteFieldWarnings(console, "sync", scanner);
            return Outcome(console, result, scanner);
        }));
        return command;
    }

    /// <summary>What the run left behind, one line each, and the exit code: 3 when anything was left or nothing was there.</summary>
    private static int Outcome(CliConsole console, SyncResult result, AuditInfra.Investigation.Reading.RecordScanner scanner)
    {
        if (result.GivenUp > 0)
        {
            console.Error.WriteLine($"sync: gave up {result.GivenUp} object(s); what could not be read is recorded in {result.QuarantinePath}");
        }

        if (result.Quarantined > 0)
        {
            console.Error.WriteLine($"sync: {result.Quarantined} line(s) or object(s) quarantined in {result.QuarantinePath} (not in the output)");
        }

        if (result.Retrying.Count > 0)
        {
            const int Shown = 5;
            var shown = string.Join("; ", result.Retrying.Take(Shown).Select(r => $"{r.Key} ({r.Attempts} attempt(s): {r.LastError})"));
            var more = result.Retrying.Count > Shown ? $"; and {result.Retrying.Count - Shown} more (see the checkpoint's retry list)" : string.Empty;
            console.WriteError(
                $"sync: {result.Retrying.Count} object(s) not read whole, none of their records written; the next run retries them " +
                $"(or --give-up KEY|all): {shown}{more}");
        }

        if (result.Listed == 0 && result.Retrying.Count == 0)
        {
            console.WriteError(InvestigationRun.EmptyRange("sync", scanner, result.FirstDay, result.LastDay, new HashSet<AuditInfra.Reader.Layout.LogCategory>(Enum.GetValues<AuditInfra.Reader.Layout.LogCategory>())));
            return ExitCodes.Incomplete;
        }

        return result.IsComplete ? ExitCodes.Clean : ExitCodes.Incomplete;
    }

    /// <summary>30m, 1h, 2d, 45s, or a TimeSpan (01:30:00).</summary>
    internal static TimeSpan ParseDuration(string text, string flag)
    {
        text = text.Trim();
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new InvestigationException($"{flag} '{text}' is not a duration like 30m, 1h or 2d");
    }
}

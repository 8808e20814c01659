using AuditInfra.Investigation;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Reading;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Cli;

/// <summary>Runs an investigation command body: user errors become one line on stderr and exit 2, never a stack trace.</summary>
internal static class InvestigationRun
{
    public static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (InvestigationException ex)
        {
            console.WriteError(ex.Message);
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is LogSourceException or ReaderConfigurationException)
        {
            console.WriteError(ex.Message);
            return ExitCodes.Error;
        }
    }

    /// <summary>
    /// Standard output for a stream of records, buffered: the console's own writer flushes on every write, which for
    /// an export of millions of records would be a system call per field separator. The writers' Complete flushes it.
    /// </summary>
    public static StreamWriter BufferedOut(CliConsole console) =>
        new(console.OutStream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);

    /// <summary>
    /// Closes a read-only command (query, export, filter-options, detect): the summary on stderr, then the exit code of
    /// the contract in <see cref="ExitCodes"/>. A range without a single delivery object is never silence: one line
    /// names what was looked for and where, and the run is <see cref="ExitCodes.Incomplete"/>, so a typo in a prefix
    /// or a year never reads as "nothing found" (objects of the neighbouring day folders, read for the partition
    /// tolerance, do not count). Skipped lines and unreadable objects also make it incomplete.
    /// </summary>
    /// <param name="whenComplete">The code when everything in range was read (0, or 1 for detections).</param>
    public static int Finish(
        CliConsole console, string command, string result, ScanStatistics statistics, RecordScanner scanner, RecordFilter filter, int whenComplete)
    {
        WriteSummary(console, command, result, statistics);
        WriteFieldWarnings(console, command, scanner);
        if (statistics.ObjectsIn(filter.Range.FirstDay, filter.Range.LastDay) == 0)
        {
            console.WriteError(EmptyRange(command, scanner, filter.Range.FirstDay, filter.Range.LastDay, filter.Streams));
            return ExitCodes.Incomplete;
        }

        return statistics.IsComplete ? whenComplete : ExitCodes.Worst(whenComplete, ExitCodes.Incomplete);
    }

    /// <summary>The one line for a range with no delivery objects: the days, the streams and the place searched.</summary>
    public static string EmptyRange(string command, RecordScanner scanner, DateOnly first, DateOnly last, IReadOnlySet<LogCategory> streams)
    {
        var days = first == last ? $"{first:yyyy-MM-dd}" : $"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}";
        var kinds = string.Join(", ", streams.Order().Select(RecordStream.NameOf));
        var layout = scanner.Options.Reader.Path is { Length: > 0 } path
            ? $"flat under the custom path '{path}'"
            : "in the default layout audit_logs/com.akamai.audit/<account>/YYYY/MM/DD/ and lke_audit_logs/com.akamai.audit/<account>/lke<cluster>/YYYY/MM/DD/";
        return $"{command}: no delivery objects at all for {days} (streams: {kinds}) in {scanner.Source.Description}, {layout}; " +
               "check --source, --path and the dates (exit 3: nothing was read)";
    }

    /// <summary>One line on stderr per configured field missing from nearly all records of a stream (see <see cref="FieldCoverage"/>).</summary>
    public static void WriteFieldWarnings(CliConsole console, string command, RecordScanner scanner)
    {
        foreach (var warning in scanner.Coverage.Warnings())
        {
            console.Error.WriteLine($"{command}: warning: {AuditInfra.Reader.Reporting.DisplayText.Escape(warning)}");
        }
    }

    /// <summary>The closing line on stderr: what was read, and what was skipped (bad lines are never fatal).</summary>
    public static void WriteSummary(CliConsole console, string command, string result, ScanStatistics statistics)
    {
        console.Error.WriteLine(
            $"{command}: {result}; read {statistics.Records} record(s) in {statistics.Objects} object(s), " +
            $"{statistics.UncompressedBytes / 1048576.0:0.0} MB uncompressed");
        if (statistics.SkippedSummary() is { } skipped)
        {
            console.Error.WriteLine($"{command}: {AuditInfra.Reader.Reporting.DisplayText.Escape(skipped)}");
        }
    }
}

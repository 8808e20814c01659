using AuditInfra.Investigation;
using AuditInfra.Investigation.Reading;
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

    /// <summary>The closing line on stderr: what was read, and what was skipped (bad lines are never fatal).</summary>
    public static void WriteSummary(CliConsole console, string command, string result, ScanStatistics statistics)
    {
        console.Error.WriteLine(
            $"{command}: {result}; read {statistics.Records} record(s) in {statistics.Objects} object(s), " +
            $"{statistics.UncompressedBytes / 1048576.0:0.0} MB uncompressed");
        if (statistics.SkippedSummary() is { } skipped)
        {
            console.Error.WriteLine($"{command}: {skipped}");
        }
    }
}

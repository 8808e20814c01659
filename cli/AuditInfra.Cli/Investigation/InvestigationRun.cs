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

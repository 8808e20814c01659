using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Cli.Reader;

/// <summary>Runs a reader command and turns the errors a user must fix into one line and exit code 2.</summary>
internal static class UserErrors
{
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception ex) when (ex is LogSourceException or ReaderConfigurationException or ArgumentException or SigningKeyException or AuditInfra.Investigation.InvestigationException)
        {
            console.WriteError(ex.Message);
            return ExitCodes.Error;
        }
    }
}

using AuditInfra.Cli;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>Runs the command line in-process, as a user would type it, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        if (BuiltCli.NativePath is not null)
        {
            // scripts/test.sh reruns the end-to-end tests against the native executable: as a child process then.
            return await BuiltCli.RunAsync(args);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The record ids of JSON Lines output, in order.</summary>
    public static string[] Ids(string jsonLines) => jsonLines
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!)
        .ToArray();
}

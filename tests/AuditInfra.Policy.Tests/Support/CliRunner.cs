using AuditInfra.Cli;
using AuditInfra.TestSupport;

namespace AuditInfra.Policy.Tests.Support;

/// <summary>Runs the real command line in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        if (BuiltCli.NativePath is not null)
        {
            // scripts/test.sh reruns the end-to-end tests against the native executable: as a child process then.
            var child = await BuiltCli.RunAsync(args);
            return new CliRun(child.Exit, child.Out, child.Err);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error), CancellationToken.None);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}

public sealed record CliRun(int Exit, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

using AuditInfra.Cli;

namespace AuditInfra.Policy.Tests.Support;

/// <summary>Runs the real command line in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
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

using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests.Reader;

/// <summary>Runs the command line in-process with string writers, as a user would type it.</summary>
internal static class CliRun
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

    /// <summary>A settings file with the test RGW's endpoint and keys (so no secret is typed as a flag).</summary>
    public static string S3Settings(TempDirectory dir, string? secretKey = null, string? endpoint = null)
    {
        var server = S3TestServer.Instance;
        var path = dir.Combine("settings.json");
        File.WriteAllText(path, $$$"""
            {"S3": {"Endpoint": "{{{endpoint ?? server.Endpoint}}}", "Region": "{{{server.Region}}}", "AccessKey": "{{{server.AccessKey}}}", "SecretKey": "{{{secretKey ?? server.SecretKey}}}", "MaxRetries": 1}}
            """);
        return path;
    }

    /// <summary>A user error is one line on stderr, prefixed, with no stack trace.</summary>
    public static void AssertOneLineError(string err, string expected)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("auditinfra: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }
}

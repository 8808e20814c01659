using Xunit;

namespace AuditInfra.TestSupport;

/// <summary>The command line as the build left it, for tests that run it in a child process as a user would.</summary>
public static class BuiltCli
{
    /// <summary>
    /// The path of <c>auditinfra.dll</c> in the CLI's own build output (same configuration as the running tests).
    /// Not the copy next to the tests: there it would resolve packages the way the test host does (the tests also load
    /// ASP.NET Core's shared framework, for the fault proxy, so package copies of Microsoft.Extensions.* are left out).
    /// </summary>
    /// <exception cref="Xunit.Sdk.XunitException">The CLI has not been built.</exception>
    public static string DllPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = RepoPaths.Combine("cli", "AuditInfra.Cli", "bin", configuration, "net10.0", "auditinfra.dll");
        Assert.True(File.Exists(path), $"the built CLI is missing at {path}");
        return path;
    }
}

using System.Diagnostics;
using Xunit;

namespace AuditInfra.TestSupport;

/// <summary>
/// The command line as the build left it, for tests that run it in a child process as a user would: the JIT build
/// (<c>dotnet auditinfra.dll</c>), or the native executable when <see cref="NativeVariable"/> names one (scripts/test.sh
/// publishes it once and reruns the end-to-end tests against it).
/// </summary>
public static class BuiltCli
{
    /// <summary>
    /// The environment variable with the path of a native (Native AOT) <c>auditinfra</c> executable; unset or empty:
    /// the JIT build.
    /// </summary>
    public const string NativeVariable = "AUDITINFRA_TEST_NATIVE_CLI";

    /// <summary>The native executable the tests run, or null when they run the JIT build.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">The variable names a file that does not exist.</exception>
    public static string? NativePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(NativeVariable);
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            path = Path.GetFullPath(path);
            Assert.True(File.Exists(path), $"{NativeVariable} names {path}, which does not exist");
            return path;
        }
    }

    /// <summary>
    /// How to start the command line with <paramref name="args"/>: the native executable or <c>dotnet auditinfra.dll</c>;
    /// stdout and stderr redirected, no shell. The caller adds the working folder and environment.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var native = NativePath;
        var start = new ProcessStartInfo(native ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (native is null)
        {
            start.ArgumentList.Add(DllPath());
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>
    /// Runs the command line in a child process to its end (at most <paramref name="timeout"/>, default 2 min) and
    /// returns its exit code, stdout and stderr.
    /// </summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = StartInfo(args);
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

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

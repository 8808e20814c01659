using System.Diagnostics;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests;

/// <summary>
/// The <c>./auditinfra</c> launcher, run by bash from a copy of the repository's layout with a stand-in for
/// <c>dotnet</c> on PATH (a real first build takes a minute): it says on stderr that it builds and how long it took,
/// stays quiet when nothing changed, and keeps stdout for the command.
/// </summary>
public sealed class LauncherTests
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        if [[ "$1" == build ]]; then
          while [[ $# -gt 0 ]]; do [[ "$1" == -o ]] && out="$2"; shift; done
          touch "$out/auditinfra.dll"; exit 0
        fi
        echo "ran $*"
        """;

    [Fact]
    public async Task The_first_build_is_announced_on_stderr_with_its_duration_and_later_runs_are_quiet()
    {
        using var dir = new TempDirectory("launcher");
        File.Copy(RepoPaths.Combine("auditinfra"), dir.Combine("auditinfra"));
        foreach (var folder in new[] { "cli", "reader", "stacks", "bin" })
        {
            Directory.CreateDirectory(dir.Combine(folder));
        }

        File.WriteAllText(dir.Combine("Directory.Build.props"), "<Project />");
        File.WriteAllText(dir.Combine("Directory.Packages.props"), "<Project />");
        File.WriteAllText(dir.Combine("cli", "Program.cs"), "// source");
        File.WriteAllText(dir.Combine("bin", "dotnet"), FakeDotnet.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir.Combine("bin", "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var first = await RunAsync(dir, "--version");
        Assert.Equal(0, first.Exit);
        Assert.Equal($"ran {dir.Combine(".build", "cli", "auditinfra.dll")} --version", first.Out.Trim());
        Assert.Matches(@"^auditinfra: building auditinfra \(first run, 20-80 s\)\.\.\.\nauditinfra: built in \d+ s\n$", first.Err);

        var second = await RunAsync(dir, "catalog");
        Assert.Equal(string.Empty, second.Err);
        Assert.EndsWith("catalog", second.Out.Trim(), StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(dir.Combine("cli", "Program.cs"), DateTime.UtcNow.AddMinutes(1));
        var third = await RunAsync(dir, "catalog");
        Assert.StartsWith("auditinfra: rebuilding auditinfra (sources changed)...\n", third.Err, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(TempDirectory dir, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dir.Combine("auditinfra"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = dir.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }
}

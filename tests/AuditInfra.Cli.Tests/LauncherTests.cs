using System.Diagnostics;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests;

/// <summary>
/// The <c>./auditinfra</c> launcher, run by bash from a copy of the repository's layout with a stand-in for
/// <c>dotnet</c> on PATH (a real first build takes a minute or more), for the native and the JIT build: it says on stderr that it builds and how long it took,
/// stays quiet when nothing changed, and keeps stdout for the command.
/// </summary>
public sealed class LauncherTests
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        if [[ "$1" == build || "$1" == publish ]]; then
          verb="$1"
          while [[ $# -gt 0 ]]; do [[ "$1" == -o ]] && out="$2"; shift; done
          if [[ "$verb" == build ]]; then touch "$out/auditinfra.dll"; exit 0; fi
          printf '#!/usr/bin/env bash\necho "native $*"\n' > "$out/auditinfra"; chmod +x "$out/auditinfra"; exit 0
        fi
        echo "ran $*"
        """;

    [Theory]
    [InlineData("native")]
    [InlineData("jit")]
    public async Task The_first_build_is_announced_on_stderr_with_its_duration_and_later_runs_are_quiet(string kind)
    {
        using var dir = new TempDirectory("launcher");
        File.Copy(RepoPaths.Combine("auditinfra"), dir.Combine("auditinfra"));
        Directory.CreateDirectory(dir.Combine("scripts"));
        File.Copy(RepoPaths.Combine("scripts", "publish.sh"), dir.Combine("scripts", "publish.sh"));
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

        var first = await RunAsync(dir, kind, "--version");
        Assert.Equal(0, first.Exit);
        if (kind == "native")
        {
            Assert.Equal("native --version", first.Out.Trim());
            Assert.Matches(@"^auditinfra: building auditinfra \(first run, native executable, 1-3 min\)\.\.\.\nauditinfra: built in \d+ s\n$", first.Err);
        }
        else
        {
            Assert.Equal($"ran {dir.Combine(".build", "cli", "auditinfra.dll")} --version", first.Out.Trim());
            Assert.Matches(@"^auditinfra: building auditinfra \(first run, 20-80 s\)\.\.\.\nauditinfra: built in \d+ s\n$", first.Err);
        }

        var second = await RunAsync(dir, kind, "catalog");
        Assert.Equal(string.Empty, second.Err);
        Assert.EndsWith("catalog", second.Out.Trim(), StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(dir.Combine("cli", "Program.cs"), DateTime.UtcNow.AddMinutes(1));
        var third = await RunAsync(dir, kind, "catalog");
        Assert.StartsWith("auditinfra: rebuilding auditinfra (sources changed)...\n", third.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_build_kind_is_a_usage_error()
    {
        using var dir = new TempDirectory("launcher");
        File.Copy(RepoPaths.Combine("auditinfra"), dir.Combine("auditinfra"));
        var run = await RunAsync(dir, "aot", "--version");
        Assert.Equal(2, run.Exit);
        Assert.Equal("auditinfra: AUDITINFRA_BUILD is 'aot'; it takes native or jit\n", run.Err);
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(TempDirectory dir, string kind, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dir.Combine("auditinfra"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = dir.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["AUDITINFRA_BUILD"] = kind;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }
}

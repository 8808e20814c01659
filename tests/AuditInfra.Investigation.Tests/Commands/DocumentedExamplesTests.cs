using System.Text.RegularExpressions;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>
/// The console use cases in docs/investigation.md run as written against samples/: each command is taken from the
/// document (so the documentation cannot drift from what works) and must succeed and find something.
/// </summary>
public partial class DocumentedExamplesTests
{
    public static TheoryData<string> UseCaseCommands() => new(Commands());

    private static string[] Commands()
    {
        var doc = File.ReadAllText(RepoPaths.Combine("docs", "investigation.md"));
        var section = doc[doc.IndexOf("## Console use cases", StringComparison.Ordinal)..];
        var block = CodeBlock().Match(section).Groups[1].Value;
        return block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("./auditinfra ", StringComparison.Ordinal))
            .Select(l => l["./auditinfra ".Length..]).ToArray();
    }

    [Fact]
    public void Every_console_use_case_has_an_example()
    {
        var commands = Commands();
        Assert.True(commands.Length >= 6, string.Join('\n', commands));
        Assert.Contains(commands, c => c.Contains("--code delete-linode-instance", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("post-linode-instance", StringComparison.Ordinal) && c.Contains("T00:00:00Z", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("--action login --outcome failure", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("post-personal-access-token,delete-personal-access-token", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(UseCaseCommands))]
    public async Task A_documented_use_case_runs_on_the_samples_and_finds_something(string command)
    {
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? RepoPaths.Combine(a.Split('/')) : a).ToArray();
        var (exit, output, error) = await CliRunner.RunAsync(args);
        Assert.True(exit is 0 or 1, $"exit {exit}: {error}");
        Assert.DoesNotContain("skipped", error, StringComparison.Ordinal);
        switch (args[0])
        {
            case "query":
                Assert.Matches(@"query: [1-9]\d* match\(es\)", error);
                break;
            case "filter-options":
                Assert.Matches(@"filter-options: [1-9]\d* matching record", error);
                break;
            case "detect":
                Assert.Equal(1, exit);
                Assert.StartsWith("SEVERITY RULE", output, StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"unexpected command {args[0]}");
                break;
        }
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}

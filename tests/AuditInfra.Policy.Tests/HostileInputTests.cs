using System.Diagnostics;
using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// Stack files written by an attacker (issue 17): each ends in one error line and exit 2, quickly and in little
/// memory, or, for a retention of the wrong type, in a deny.
/// </summary>
public sealed class HostileInputTests
{
    private static async Task AssertRefused(ProjectCopy copy, string expected)
    {
        var clock = Stopwatch.StartNew();
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "prod");
        Assert.True(run.Exit == 2, $"exit {run.Exit}: {run.Output}{run.Error}");
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_alias_bomb_is_refused_at_its_first_anchor()
    {
        using var copy = ProjectCopy.Committed();
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(0, 9).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n"));
        copy.Write("Pulumi.prod.yaml", "config:\n  audit-logs:region: us-ord\n" + bomb);
        await AssertRefused(copy, "Pulumi.prod.yaml:3:4: YAML anchors and aliases");
    }

    [Fact]
    public async Task Deep_flow_nesting_is_refused_without_a_stack_overflow()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("Pulumi.prod.yaml", "config:\n  x: " + new string('[', 40_000) + new string(']', 40_000) + "\n");
        await AssertRefused(copy, "nested deeper than 64 levels");
    }

    [Fact]
    public async Task A_stack_file_linked_to_dev_zero_is_refused()
    {
        using var copy = ProjectCopy.Committed();
        File.Delete(copy.File("Pulumi.prod.yaml"));
        File.CreateSymbolicLink(copy.File("Pulumi.prod.yaml"), "/dev/zero");
        await AssertRefused(copy, "is a symbolic link to /dev/zero, outside the project folder: refused");
    }

    [Fact]
    public async Task A_stack_file_that_is_a_pipe_is_refused_without_waiting_for_a_writer()
    {
        using var copy = ProjectCopy.Committed();
        File.Delete(copy.File("Pulumi.prod.yaml"));
        using (var mkfifo = Process.Start("mkfifo", copy.File("fifo")))
        {
            await mkfifo.WaitForExitAsync();
        }

        File.CreateSymbolicLink(copy.File("Pulumi.prod.yaml"), copy.File("fifo"));
        await AssertRefused(copy, "is not a regular file (a pipe, socket or device): refused");
    }

    [Fact]
    public async Task A_stack_file_over_the_size_limit_is_refused()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("Pulumi.prod.yaml", "config:\n  audit-logs:padding: \"" + new string('x', 5 << 20) + "\"\n");
        await AssertRefused(copy, "is larger than 4,194,304 bytes");
    }

    [Theory]
    [InlineData("{a: 1}", "AUDIT001", "a mapping")]
    [InlineData("[1]", "AUDIT001", "a list")]
    [InlineData("forever", "AUDIT001", "retention forever days, not a positive number")]
    [InlineData("{secure: v1:AAAA}", "AUDIT015", "secret")]
    public void Retention_of_the_wrong_type_in_prod_is_denied(string yaml, string rule, string said)
    {
        using var copy = ProjectCopy.Committed();
        copy.Set("Pulumi.prod.yaml", "config/audit-logs:retentionDays", yaml);
        var report = Checks.Run(copy.Path, "prod");
        Assert.Contains(report.Findings, f => f.Rule.Id == rule && f.Denies && f.Violation.Message.Contains(said, StringComparison.Ordinal));
    }
}

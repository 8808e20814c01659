namespace AuditInfra.Cli.Tests;

/// <summary>Parse errors of any command: one line on stderr, exit 2, nothing on stdout.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "verify", "--source", "x", "--from", "2026-11-01", "--to", "2026-11-02", "--format", "yaml" }, "'yaml'")]
    [InlineData(new[] { "verify", "--source", "x" }, "--from")]
    [InlineData(new[] { "no-such-command" }, "no-such-command")]
    [InlineData(new[] { "catalog", "--format", "xml" }, "'xml'")]
    public async Task A_parse_error_is_one_line_and_exit_2(string[] args, string mentions)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error), CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output.ToString());
        var line = Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.StartsWith("auditinfra: ", line);
        Assert.Contains(mentions, line);
    }

    [Fact]
    public async Task Help_is_not_an_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["verify", "--help"], new CliConsole(output, error), CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Contains("--check-retention", output.ToString());
    }
}

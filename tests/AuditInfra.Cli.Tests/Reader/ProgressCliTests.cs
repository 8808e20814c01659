using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests.Reader;

public class ProgressCliTests
{
    [Fact]
    public async Task A_terminal_gets_a_self_erasing_progress_line_and_the_report_stays_clean()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["verify", "--source", RepoPaths.Combine("samples", "delivery"), "--from", "2026-11-01", "--to", "2026-11-03"],
            new CliConsole(output, error, isErrorTerminal: true),
            CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.EndsWith("\r\u001b[K", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.ToString());
        Assert.DoesNotContain('\r', output.ToString());
        Assert.StartsWith("verify ", output.ToString(), StringComparison.Ordinal);
    }
}

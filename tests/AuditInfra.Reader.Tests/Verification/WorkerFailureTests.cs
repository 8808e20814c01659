using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Verification;

/// <summary>
/// A run whose workers die (issue 17: out of memory under a heap limit) ends promptly with that failure. Before,
/// the listing blocked forever on its full queue once no worker read it; the deadline turns such a hang into a failure.
/// </summary>
public class WorkerFailureTests
{
    [Fact]
    public async Task Workers_that_die_end_the_run_with_their_failure_instead_of_a_hang()
    {
        using var dir = new TempDirectory("workers");
        // More objects than the listing queue (512) holds, so the listing must block once no worker reads it.
        for (var i = 0; i < 600; i++)
        {
            Gz.WriteFile(dir.Path, $"audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-{i:D6}-1793491300-{i:D6}-config.gz", Gz.CloudEvent($"id-{i}") + "\n");
        }

        // Reads that kill the reading worker with an exception no reader handles.
        await using var source = new FaultySource(new FolderLogSource(dir.Path), _ => new InsufficientExecutionStackException("worker died"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = new Verifier(new ReaderSettings { Parallelism = 2 }).RunAsync(source, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));

        var ex = await Assert.ThrowsAsync<InsufficientExecutionStackException>(() => run.WaitAsync(deadline.Token));
        Assert.Equal("worker died", ex.Message);
    }
}

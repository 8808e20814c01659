using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Verification;

public class UnreadableObjectTests
{
    [Fact]
    public async Task An_object_that_cannot_be_opened_after_retries_is_a_finding_and_the_run_goes_on()
    {
        using var dir = new TempDirectory("unreadable");
        const string Day = "audit_logs/com.akamai.audit/ACC/2026/11/01/";
        Gz.WriteFile(dir.Path, Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.CloudEvent("a") + "\n");
        Gz.WriteFile(dir.Path, Day + "akamai_log-000002-1793491400-000002-config.gz", Gz.CloudEvent("b") + "\n");
        await using var source = new FailingSource(new FolderLogSource(dir.Path), "000002");

        var report = await new Verifier(new ReaderSettings()).RunAsync(source, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.CorruptObject, finding.Kind);
        Assert.Contains("could not be opened", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.Summary.Records);
    }

    /// <summary>A source whose objects matching a marker fail to open, as S3 does once its retries are used up.</summary>
    private sealed class FailingSource(ILogSource inner, string marker) : ILogSource
    {
        public string Description => inner.Description;

        public IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken = default) =>
            inner.ListAsync(prefix, recursive, cancellationToken);

        public Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default) =>
            item.Key.Contains(marker, StringComparison.Ordinal)
                ? throw new LogSourceException("S3 request failed: SlowDown after 4 retries", "SlowDown")
                : inner.OpenReadAsync(item, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Verification;

public class UnreadableObjectTests
{
    [Fact]
    public async Task An_object_that_cannot_be_opened_after_retries_is_unreadable_not_corrupt_and_the_run_goes_on()
    {
        using var dir = new TempDirectory("unreadable");
        const string Day = "audit_logs/com.akamai.audit/ACC/2026/11/01/";
        Gz.WriteFile(dir.Path, Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.CloudEvent("a") + "\n");
        Gz.WriteFile(dir.Path, Day + "akamai_log-000002-1793491400-000002-config.gz", Gz.CloudEvent("b") + "\n");
        // As S3 does once its retries are used up.
        await using var source = new FaultySource(new FolderLogSource(dir.Path), item => item.Key.Contains("000002", StringComparison.Ordinal)
            ? new LogSourceException("S3 request failed: SlowDown after 4 retries", "SlowDown")
            : null);

        var report = await new Verifier(new ReaderSettings()).RunAsync(source, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.UnreadableObject, finding.Kind);
        Assert.Contains("could not be opened", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.Summary.Records);
    }
}

using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Reading;

public class DeliveryReaderTests
{
    [Fact]
    public async Task Enumerates_records_with_key_and_line_and_reports_problems()
    {
        using var dir = new TempDirectory("reader");
        const string Key = "audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-000001-1793577600-000001-config.gz";
        Gz.WriteFile(dir.Path, Key, Gz.CloudEvent("a") + "\n[1]\n\n" + Gz.CloudEvent("b") + "\n");
        await using var source = new FolderLogSource(dir.Path);
        var reader = new DeliveryReader(source);
        var problems = new List<DeliveryProblem>();
        var records = new List<DeliveryRecord>();
        await foreach (var r in reader.ReadRecordsAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), problems.Add))
        {
            records.Add(r);
        }

        Assert.Equal([("a", 1L), ("b", 4L)], records.Select(r => (r.Record.Id, r.Line)));
        Assert.All(records, r => Assert.Equal(Key, r.Key));
        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("not a JSON object", problem.Detail, StringComparison.Ordinal);
    }
}

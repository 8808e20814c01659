using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Reading;

public class DeliveryReaderTests
{
    private const string Key = "audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-000001-1793577600-000001-config.gz";

    [Fact]
    public async Task Enumerates_records_with_key_and_line_and_reports_problems()
    {
        var (records, problems) = await ReadAsync(Gz.CloudEvent("a") + "\n[1]\n\n" + Gz.CloudEvent("b") + "\n");
        Assert.Equal([("a", 1L), ("b", 4L)], records.Select(r => (r.Record.Id, r.Line)));
        Assert.All(records, r => Assert.Equal(Key, r.Key));
        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("not a JSON object", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_of_blank_space_are_skipped_and_a_record_after_blank_space_is_read()
    {
        var (records, problems) = await ReadAsync(Gz.CloudEvent("a") + "\n \t \n\r\n \t" + Gz.CloudEvent("b") + "\n\t \r\n \n x\n");
        Assert.Equal([("a", 1L), ("b", 4L)], records.Select(r => (r.Record.Id, r.Line)));
        Assert.Equal(7, Assert.Single(problems).Line);
    }

    /// <summary>Writes one config object holding <paramref name="content"/> and reads it back through a folder source.</summary>
    private static async Task<(List<DeliveryRecord> Records, List<DeliveryProblem> Problems)> ReadAsync(string content)
    {
        using var dir = new TempDirectory("reader");
        Gz.WriteFile(dir.Path, Key, content);
        await using var source = new FolderLogSource(dir.Path);
        var problems = new List<DeliveryProblem>();
        var records = new List<DeliveryRecord>();
        await foreach (var r in new DeliveryReader(source).ReadRecordsAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), problems.Add))
        {
            records.Add(r);
        }

        return (records, problems);
    }
}

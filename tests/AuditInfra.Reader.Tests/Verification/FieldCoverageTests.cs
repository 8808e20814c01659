using System.Text.Json;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Reporting;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Tests.Verification;

/// <summary>verify counts which configured data fields the records carried and warns when nearly all lack one.</summary>
public class FieldCoverageTests
{
    private const string Day = "audit_logs/com.akamai.audit/ACC/2026/11/01/";

    /// <summary>A config record of another shape: the actor under data.principal.name, no IP, user agent or entity.</summary>
    private static string OtherShape(int i) =>
        $$$"""{"specversion":"1.0","id":"o-{{{i}}}","source":"/service/linode","type":"com.akamai.audit.config","time":"2026-11-01T10:00:00Z","data":{"eventcode":"put-profile","principal":{"name":"alice"},"status":"success"}}""";

    [Theory]
    [InlineData(Store.Folder)]
    [InlineData(Store.Bucket)]
    public async Task A_field_missing_from_nearly_all_records_of_a_stream_is_a_warning_naming_its_setting(Store store)
    {
        await using var where = await Where.CreateAsync(store, "coverage");
        // 199 of another shape and one of the assumed shape: the actor is there in 0.5% of the records.
        var lines = Enumerable.Range(0, 199).Select(OtherShape).Append(Gz.CloudEvent("assumed"));
        await where.PutAsync(Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.Compress(string.Join("\n", lines) + "\n"));
        await using var source = await where.OpenAsync();

        var report = await new Verifier(new ReaderSettings()).RunAsync(source, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));

        Assert.Empty(report.Findings); // the delivery is fine; the assumption is not
        var actor = report.Summary.FieldCoverage.Single(c => c is { Stream: "config", Field: "actor" });
        Assert.Equal((200L, 1L, 99.5, true), (actor.Records, actor.Present, actor.MissingPercent, actor.IsMissing));
        Assert.False(report.Summary.FieldCoverage.Single(c => c.Field == "outcome").IsMissing);
        Assert.Equal(["actor", "ip", "user_agent", "entity_id", "entity_type"], report.Summary.FieldCoverage.Where(c => c.IsMissing).Select(c => c.Field));
        var warning = report.Summary.Warnings[0];
        Assert.Contains("field actor (data.user.username or data.user.email) is missing from 99.5% of 200 config records", warning, StringComparison.Ordinal);
        Assert.Contains("set Fields:Actor", warning, StringComparison.Ordinal);

        using var json = new MemoryStream();
        JsonReportWriter.Write(report, json);
        using var doc = JsonDocument.Parse(json.ToArray());
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(5, summary.GetProperty("warnings").GetArrayLength());
        Assert.Contains(summary.GetProperty("field_coverage").EnumerateArray(), c => c.GetProperty("field").GetString() == "actor" && c.GetProperty("missing").GetBoolean());
        using var text = new StringWriter();
        TextReportWriter.Write(report, text);
        Assert.Contains("  warning      field actor", text.ToString(), StringComparison.Ordinal);

        // Pointing the setting at the real path ends that warning.
        var mapped = new ReaderSettings { Fields = new RecordFieldPaths { Actor = "data.principal.name" } };
        var again = await new Verifier(mapped).RunAsync(source, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));
        Assert.DoesNotContain(again.Summary.Warnings, w => w.Contains("field actor", StringComparison.Ordinal));
        Assert.Equal(199, again.Summary.FieldCoverage.Single(c => c.Field == "actor").Present);
    }

    [Fact]
    public async Task Few_records_or_fields_mostly_present_are_no_warning()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "coverage-few");
        // 50 sign-ins of another shape are too few to judge; 150 config records of which 2% carry the IP are not "nearly all missing".
        await where.PutAsync(Day + "akamai_log-000001-1793491300-000001-login.gz",
            Gz.Compress(string.Join("\n", Enumerable.Range(0, 50).Select(i => OtherShape(i).Replace("config", "login", StringComparison.Ordinal))) + "\n"));
        var mixed = Enumerable.Range(100, 147).Select(OtherShape).Concat(Enumerable.Range(0, 3).Select(i => Gz.CloudEvent($"a-{i}")));
        await where.PutAsync(Day + "akamai_log-000002-1793491300-000002-config.gz", Gz.Compress(string.Join("\n", mixed) + "\n"));
        await using var source = await where.OpenAsync();

        var report = await new Verifier(new ReaderSettings()).RunAsync(source, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));

        // Only the user agent, which neither shape carries, is missing from (all) 150 config records.
        Assert.Contains("field user_agent (data.useragent) is missing from 100% of 150 config records", Assert.Single(report.Summary.Warnings), StringComparison.Ordinal);
        Assert.Equal(50, report.Summary.FieldCoverage.Single(c => c is { Stream: "login", Field: "actor" }).Records);
        Assert.DoesNotContain(report.Summary.FieldCoverage, c => c is { Stream: "login", Field: "entity_id" });
        Assert.Equal(3, report.Summary.FieldCoverage.Single(c => c is { Stream: "config", Field: "ip" }).Present);
    }
}

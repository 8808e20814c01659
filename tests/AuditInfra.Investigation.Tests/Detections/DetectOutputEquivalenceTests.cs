using System.Text;
using System.Text.Json.Nodes;
using AuditInfra.Investigation.Detections;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Reading;
using AuditInfra.Investigation.Records;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Detections;

/// <summary>
/// detect's fast path (only the essential fields decoded, JSON written straight from the detections) prints exactly
/// what the straightforward path prints: every record fully decoded and each detection rendered as a JSON tree.
/// </summary>
public class DetectOutputEquivalenceTests
{
    [Fact]
    public async Task Detect_json_is_byte_for_byte_the_full_decode_reference_on_a_generated_delivery()
    {
        using var dir = new TempDirectory("detect-equivalence");
        await GeneratedDelivery.WriteAsync(dir.Path);

        var (exit, output, error) = await CliRunner.RunAsync("detect", "--source", dir.Path, "--from", "2026-01-01", "--to", "2026-01-03", "--format", "json");
        Assert.True(exit == 1, error);

        var reference = await ReferenceAsync(dir.Path);
        Assert.True(reference.Split("\"rule\"").Length > 100, "the generated delivery should fire many detections");
        Assert.Equal(reference, output);
    }

    [Fact]
    public void Evidence_of_every_shape_prints_as_the_reference_does()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
        Evidence[] evidence =
        [
            new("audit_logs/a.gz", 1, at, "delete-linode", EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e6")),
            new("audit_logs/a.gz", 1234567890123, at, null, EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e7")),
            new("audit_logs/k\u00e9\"y<>.gz", 2, at, "get secrets", EvidenceId.Of("ev\"1")),
            new("audit_logs/b.gz", 3, at, null, EvidenceId.Of("0365325B-9D8D-46B8-E82D-34C95A1BE5E6")),
            new("audit_logs/b.gz", 4, at, "cr\u00e9er", EvidenceId.Of("")),
        ];
        var detections = new[]
        {
            new Detection("token-created", Severity.Medium, "summary \"quoted\"", "zo\u00eb", null, at, at.AddHours(1), 5, evidence),
            new Detection("mfa-disabled", Severity.High, "s", null, "203.0.113.9", at, at, 1, evidence[..1]),
        };

        using var output = new MemoryStream();
        var writer = new DetectionReportWriter(output, json: true);
        foreach (var d in detections)
        {
            writer.Write(d);
        }

        writer.Complete();

        var expected = new StringBuilder("{\"detections\": [\n  ").AppendJoin(",\n  ", detections.Select(d => Render(d).ToJsonString())).Append("\n]}\n").ToString();
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    private static async Task<string> ReferenceAsync(string root)
    {
        var classifier = new RecordClassifier(EventCatalog.Default);
        var filter = RecordFilter.Compile(new FilterSpec { From = "2026-01-01", To = "2026-01-03" }, classifier, TimeProvider.System);
        var rendered = new List<string>();
        var engine = new DetectionEngine(new DetectionSettings(), d => rendered.Add(Render(d).ToJsonString()));
        await using var source = new FolderLogSource(root);
        DateOnly? current = null;
        await foreach (var item in new RecordScanner(source).ScanAsync(filter.Range.FirstDay, filter.Range.LastDay, filter.Streams, filter.Matches))
        {
            if (current != item.Day)
            {
                engine.Advance(new DateTimeOffset(item.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
                current = item.Day;
            }

            foreach (var record in item.Records)
            {
                engine.Observe(record);
            }
        }

        engine.Finish();
        var text = new StringBuilder("{\"detections\": [\n  ").AppendJoin(",\n  ", rendered).Append("\n]}").Append(Environment.NewLine);
        return text.ToString();
    }

    private static JsonObject Render(Detection d) => new()
    {
        ["rule"] = d.Rule,
        ["severity"] = d.Severity.ToString().ToLowerInvariant(),
        ["summary"] = d.Summary,
        ["actor"] = d.Actor,
        ["ip"] = d.Ip,
        ["first"] = RecordFields.FormatTime(d.First),
        ["last"] = RecordFields.FormatTime(d.Last),
        ["count"] = d.Count,
        ["evidence"] = new JsonArray(d.Evidence.Select(e => (JsonNode)new JsonObject
        {
            ["object"] = e.Object,
            ["line"] = e.Line,
            ["time"] = RecordFields.FormatTime(e.Time),
            ["code"] = e.Operation,
            ["id"] = e.Id,
        }).ToArray()),
    };
}

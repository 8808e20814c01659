using System.Text.Encodings.Web;
using System.Text.Json;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Reporting;

/// <summary>
/// Writes the report contract: one JSON document <c>{"summary": {...}, "findings": [...]}</c>, snake_case names,
/// each finding with <c>kind</c>, <c>object</c>, <c>line</c> (1-based, or null) and <c>detail</c>.
/// </summary>
public static class JsonReportWriter
{
    public static void Write(VerifyReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var s = report.Summary;
        json.WriteStartObject();
        json.WriteStartObject("summary");
        json.WriteString("source", s.Source);
        json.WriteString("from", s.From.ToString("yyyy-MM-dd"));
        json.WriteString("to", s.To.ToString("yyyy-MM-dd"));
        json.WriteString("read_to", s.ReadTo?.ToString("yyyy-MM-dd"));
        json.WriteNumber("duration_seconds", s.DurationSeconds);
        json.WriteNumber("objects", s.Objects);
        json.WriteNumber("empty_objects", s.EmptyObjects);
        json.WriteNumber("probe_objects", s.ProbeObjects);
        json.WriteNumber("unexpected_objects", s.UnexpectedObjects);
        json.WriteNumber("records", s.Records);
        json.WriteNumber("bytes", s.Bytes);
        json.WriteNumber("uncompressed_bytes", s.UncompressedBytes);
        json.WriteNumber("findings", s.Findings);
        json.WriteNumber("findings_listed", s.FindingsListed);
        WriteCounts(json, "findings_by_kind", s.FindingsByKind);
        WriteCounts(json, "records_by_category", s.RecordsByCategory);
        WriteCounts(json, "records_by_event_code", s.RecordsByEventCode);
        WriteCounts(json, "records_by_service", s.RecordsByService);
        json.WriteStartObject("catalog_coverage");
        json.WriteNumber("seen", s.CatalogCoverage.Seen);
        json.WriteNumber("known", s.CatalogCoverage.Known);
        json.WriteNumber("percent", s.CatalogCoverage.Percent);
        json.WriteEndObject();
        json.WriteStartArray("streams");
        foreach (var p in s.Streams)
        {
            json.WriteStartObject();
            json.WriteString("stream", p.Stream);
            json.WriteString("account", p.Account);
            json.WriteString("cluster", p.Cluster);
            json.WriteString("prefix", p.Prefix);
            json.WriteNumber("days_delivered", p.DaysDelivered);
            json.WriteNumber("days_in_range", p.DaysInRange);
            json.WriteNumber("objects", p.Objects);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStringArray("notes", s.Notes);
        json.WriteStartArray("field_coverage");
        foreach (var c in s.FieldCoverage)
        {
            json.WriteStartObject();
            json.WriteString("stream", c.Stream);
            json.WriteString("field", c.Field);
            json.WriteString("setting", c.Setting);
            json.WriteString("path", c.Path);
            json.WriteNumber("records", c.Records);
            json.WriteNumber("present", c.Present);
            json.WriteNumber("missing_percent", c.MissingPercent);
            json.WriteBoolean("missing", c.IsMissing);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStringArray("warnings", s.Warnings);
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var f in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("kind", FindingKinds.Name(f.Kind));
            json.WriteString("object", f.Object);
            if (f.Line is { } line)
            {
                json.WriteNumber("line", line);
            }
            else
            {
                json.WriteNull("line");
            }

            json.WriteString("detail", f.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyList<KeyValuePair<string, long>> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in counts)
        {
            json.WriteNumber(key, value);
        }

        json.WriteEndObject();
    }
}

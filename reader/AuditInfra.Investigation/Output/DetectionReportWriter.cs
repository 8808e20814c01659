using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Investigation.Detections;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// Prints detections as the engine hands them on (so none are held): text for people, or one JSON document
/// <c>{"detections": [...]}</c> written element by element for scripts.
/// </summary>
public sealed class DetectionReportWriter
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private readonly TextWriter _output;
    private readonly bool _json;

    public DetectionReportWriter(TextWriter output, bool json)
    {
        _output = output;
        _json = json;
    }

    public long Count { get; private set; }

    public void Write(Detection d)
    {
        if (_json)
        {
            _output.Write(Count == 0 ? "{\"detections\": [\n  " : ",\n  ");
            _output.Write(ToJson(d).ToJsonString(Compact));
        }
        else
        {
            WriteText(d);
        }

        Count++;
    }

    public void Complete()
    {
        if (_json)
        {
            _output.WriteLine(Count == 0 ? "{\"detections\": []}" : "\n]}");
        }
        else
        {
            _output.WriteLine(Count == 0 ? "no detections" : $"{Count} detection(s)");
        }

        _output.Flush();
    }

    public static JsonObject ToJson(Detection d) => new()
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

    private void WriteText(Detection d)
    {
        _output.WriteLine($"{d.Severity.ToString().ToUpperInvariant(),-8} {d.Rule}  {d.Summary}");
        _output.WriteLine($"         actor {d.Actor ?? "-"}  ip {d.Ip ?? "-"}  count {d.Count}  first {RecordFields.FormatTime(d.First)}  last {RecordFields.FormatTime(d.Last)}");
        foreach (var e in d.Evidence)
        {
            _output.WriteLine($"         {e.Object}:{e.Line}  {RecordFields.FormatTime(e.Time)}  {e.Operation}");
        }

        if (d.Count > d.Evidence.Count)
        {
            _output.WriteLine($"         … and {d.Count - d.Evidence.Count} more");
        }
    }
}

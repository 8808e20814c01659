using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Investigation.Detections;

namespace AuditInfra.Investigation.Output;

/// <summary>Prints detections: text for people, or <c>{"detections": [...]}</c> for scripts.</summary>
public static class DetectionReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteText(IReadOnlyList<Detection> detections, TextWriter output)
    {
        if (detections.Count == 0)
        {
            output.WriteLine("no detections");
            return;
        }

        foreach (var d in detections)
        {
            output.WriteLine($"{d.Severity.ToString().ToUpperInvariant(),-8} {d.Rule}  {d.Summary}");
            output.WriteLine($"         actor {d.Actor ?? "-"}  ip {d.Ip ?? "-"}  count {d.Count}  first {RecordFields.FormatTime(d.First)}  last {RecordFields.FormatTime(d.Last)}");
            foreach (var e in d.Evidence)
            {
                output.WriteLine($"         {e.Object}:{e.Line}  {RecordFields.FormatTime(e.Time)}  {e.Operation}");
            }

            if (d.Count > d.Evidence.Count)
            {
                output.WriteLine($"         … and {d.Count - d.Evidence.Count} more");
            }
        }

        output.WriteLine($"{detections.Count} detection(s)");
    }

    public static void WriteJson(IReadOnlyList<Detection> detections, TextWriter output)
    {
        var array = new JsonArray();
        foreach (var d in detections)
        {
            array.Add(new JsonObject
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
            });
        }

        output.WriteLine(new JsonObject { ["detections"] = array }.ToJsonString(Indented));
    }
}

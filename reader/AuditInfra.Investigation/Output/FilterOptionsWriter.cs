using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Investigation.Options;

namespace AuditInfra.Investigation.Output;

/// <summary>Prints the filter options: one block per dimension for people, or one JSON document.</summary>
public static class FilterOptionsWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static IEnumerable<(string Name, string Flag, IReadOnlyList<ValueCount> Values)> Dimensions(FilterOptionsReport r) =>
    [
        ("codes", "--code", r.Codes), ("actions", "--action", r.Actions), ("services", "--service", r.Services),
        ("groups", "--group", r.Groups), ("actors", "--actor", r.Actors), ("ips", "--ip", r.Ips),
        ("outcomes", "--outcome", r.Outcomes), ("streams", "--stream", r.Streams),
    ];

    public static void WriteText(FilterOptionsReport report, TextWriter output)
    {
        output.WriteLine($"{report.Records} record(s) from {RecordFields.FormatTime(report.From)} to {RecordFields.FormatTime(report.To)}");
        foreach (var (name, flag, values) in Dimensions(report))
        {
            output.WriteLine();
            output.WriteLine($"{name} ({flag}): {values.Count}");
            foreach (var value in values)
            {
                output.WriteLine($"  {value.Count,10}  {value.Value}");
            }
        }
    }

    public static void WriteJson(FilterOptionsReport report, TextWriter output)
    {
        var root = new JsonObject
        {
            ["from"] = RecordFields.FormatTime(report.From),
            ["to"] = RecordFields.FormatTime(report.To),
            ["records"] = report.Records,
        };
        foreach (var (name, _, values) in Dimensions(report))
        {
            root[name] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["count"] = v.Count }).ToArray());
        }

        output.WriteLine(root.ToJsonString(Indented));
    }
}

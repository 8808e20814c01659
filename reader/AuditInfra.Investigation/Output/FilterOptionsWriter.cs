using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Investigation.Options;
using AuditInfra.Reader.Reporting;
using D = AuditInfra.Investigation.Options.FilterOptionsCollector.Dimension;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// Prints the filter options: one block per dimension for people (values escaped, <see cref="DisplayText"/>), or
/// one JSON document. A value prints as the flag next to it takes it: a Kubernetes code such as <c>get secrets</c>
/// is accepted by <c>--code</c>.
/// </summary>
public static class FilterOptionsWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly (string Name, string Flag, D Dimension)[] Dimensions =
    [
        ("codes", "--code", D.Codes), ("actions", "--action", D.Actions), ("services", "--service", D.Services),
        ("groups", "--group", D.Groups), ("actors", "--actor", D.Actors), ("emails", "--actor", D.Emails), ("ips", "--ip", D.Ips),
        ("outcomes", "--outcome", D.Outcomes), ("streams", "--stream", D.Streams), ("accounts", "--account", D.Accounts),
        ("verbs", "--verb", D.Verbs), ("resources", "--resource", D.Resources), ("subresources", "--subresource", D.Subresources),
        ("namespaces", "--namespace", D.Namespaces), ("names", "--name", D.Names),
    ];

    public static void WriteText(FilterOptionsReport report, TextWriter output)
    {
        output.WriteLine($"{report.Records} record(s) from {RecordFields.FormatTime(report.From)} to {RecordFields.FormatTime(report.To)}");
        if (report.KubernetesEvents > 0)
        {
            output.WriteLine($"Kubernetes: {report.KubernetesEvents} stage Event(s) of {report.KubernetesRequests} request(s); counts below are per request");
        }

        foreach (var (name, flag, dimension) in Dimensions)
        {
            var values = report.Of(dimension);
            output.WriteLine();
            output.WriteLine($"{name} ({flag}): {values.Count}");
            foreach (var value in values)
            {
                output.WriteLine($"  {value.Count,10}  {DisplayText.Escape(value.Value)}");
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
            ["kubernetes_events"] = report.KubernetesEvents,
            ["kubernetes_requests"] = report.KubernetesRequests,
        };
        foreach (var (name, _, dimension) in Dimensions)
        {
            root[name] = new JsonArray(report.Of(dimension).Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["count"] = v.Count }).ToArray());
        }

        output.WriteLine(root.ToJsonString(Indented));
    }
}

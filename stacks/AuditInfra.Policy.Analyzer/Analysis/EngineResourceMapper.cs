using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Model;
using AuditInfra.Policy.Preview;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Analyzer.Analysis;

/// <summary>
/// Turns the resources the engine hands a policy pack into the rules' <see cref="AuditResource"/>s. The engine
/// sends no resource ids, so the id-valued links (a stream's destinations and clusterIds, a destination's key)
/// are rewritten into references to the resources the property depends on, which the engine does send.
/// </summary>
public static class EngineResourceMapper
{
    private static readonly SourceLocation Engine = new("(pulumi engine)", 0, 0);

    public static IReadOnlyList<AuditResource> Map(IReadOnlyList<AnalyzerResource> resources)
    {
        var byUrn = resources.GroupBy(r => r.Urn).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return resources
            .Where(r => !r.Type.StartsWith("pulumi:", StringComparison.Ordinal))
            .Select(r => ToResource(r, byUrn))
            .ToList();
    }

    public static AuditResource Single(AnalyzeRequest request) =>
        new(Urn.Parse(request.Urn, "(pulumi engine)").Name, ResourceTypes.Canonical(request.Type), StructValues.ToMap(request.Properties), Engine, request.Options?.Protect == true, null, Urn.Parse(request.Urn, "(pulumi engine)").Name);

    private static AuditResource ToResource(AnalyzerResource resource, Dictionary<string, AnalyzerResource> byUrn)
    {
        var name = Urn.Parse(resource.Urn, "(pulumi engine)").Name;
        var type = ResourceTypes.Canonical(resource.Type);
        var properties = StructValues.ToMap(resource.Properties);
        properties = type switch
        {
            ResourceTypes.LogsStream => Link(Link(properties, resource, byUrn, "destinations", null, ResourceTypes.LogsDestination), resource, byUrn, "details", "clusterIds", ResourceTypes.LkeCluster),
            ResourceTypes.LogsDestination => Link(properties, resource, byUrn, "akamaiObjectStorageDetails", "accessKeyId", ResourceTypes.ObjectStorageKey),
            _ => properties,
        };
        var parent = resource.Parent is { Length: > 0 } p && byUrn.TryGetValue(p, out var parentResource) ? parentResource : null;
        return new AuditResource(name, type, properties, Engine, Protected(resource, byUrn), parent is null ? null : Urn.Parse(parent.Urn, "(pulumi engine)").Name, OwnerOf(resource, byUrn));
    }

    /// <summary>Replaces <c>property[.nested]</c> with references to the resources of <paramref name="targetType"/> it depends on.</summary>
    private static MapValue Link(MapValue properties, AnalyzerResource resource, Dictionary<string, AnalyzerResource> byUrn, string property, string? nested, string targetType)
    {
        var urns = resource.PropertyDependencies.TryGetValue(property, out var dependencies) && dependencies.Urns.Count > 0
            ? dependencies.Urns
            : resource.Dependencies;
        var targets = urns.Where(u => byUrn.TryGetValue(u, out var d) && ResourceTypes.Canonical(d.Type) == targetType).Distinct().ToList();
        if (targets.Count == 0 || !properties.Entries.TryGetValue(property, out var current))
        {
            return properties;
        }

        var references = targets.Select(u => (PolicyValue)new ReferenceValue(Urn.Parse(u, "(pulumi engine)").Name, "id", null)).ToList();
        PolicyValue linked = nested is null
            ? new ListValue(references, null)
            : current is MapValue map && map.Entries.ContainsKey(nested)
                ? map with { Entries = new Dictionary<string, PolicyValue>(map.Entries, StringComparer.Ordinal) { [nested] = nested == "clusterIds" ? new ListValue(references, null) : references[0] } }
                : current;
        return properties with { Entries = new Dictionary<string, PolicyValue>(properties.Entries, StringComparer.Ordinal) { [property] = linked } };
    }

    private static bool Protected(AnalyzerResource resource, Dictionary<string, AnalyzerResource> byUrn)
    {
        for (AnalyzerResource? current = resource; current is not null; current = byUrn.GetValueOrDefault(current.Parent ?? ""))
        {
            if (current.Options?.Protect == true)
            {
                return true;
            }
        }

        return false;
    }

    private static string OwnerOf(AnalyzerResource resource, Dictionary<string, AnalyzerResource> byUrn)
    {
        var current = resource;
        while (byUrn.TryGetValue(current.Parent ?? "", out var parent) && parent.Type != "pulumi:pulumi:Stack")
        {
            current = parent;
        }

        return Urn.Parse(current.Urn, "(pulumi engine)").Name;
    }
}

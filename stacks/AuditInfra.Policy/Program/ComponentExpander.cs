using AuditInfra.Policy.Model;
using AuditInfra.Policy.Values;
using static AuditInfra.Policy.Values.Build;

namespace AuditInfra.Policy.Program;

/// <summary>
/// Expands the two components into the children the provider registers for them, with values taken from the
/// component's inputs, so one set of rules reads programs (statically) and previews (where the engine shows
/// the real children) alike. Children inherit the component's location and <c>protect</c>.
/// </summary>
public static class ComponentExpander
{
    public static IEnumerable<AuditResource> Expand(AuditResource component) => component.Type switch
    {
        ResourceTypes.AuditLogPipeline => Pipeline(component),
        ResourceTypes.AuditedLkeCluster => [Cluster(component)],
        _ => [],
    };

    private static IEnumerable<AuditResource> Pipeline(AuditResource pipeline)
    {
        var at = pipeline.Location;
        var name = pipeline.Name;
        var bucketName = pipeline.Property("bucketName");
        var region = pipeline.Property("region");
        AuditResource Child(string suffix, string type, MapValue properties) =>
            new($"{name}-{suffix}", type, properties, at, pipeline.Protect, name, pipeline.Owner) { ProtectOption = pipeline.ProtectOption };
        MapValue Access(string permissions) => Map(at, ("bucketName", bucketName), ("region", region), ("permissions", Text(permissions, at)));

        yield return Child("bucket", ResourceTypes.ObjectLockBucket, Map(at, ("bucketName", bucketName), ("retention", pipeline.Property("retention"))));
        yield return Child("destination-key", ResourceTypes.ObjectStorageKey, Map(at, ("label", Text($"{name}-writer", at)), ("bucketAccesses", List(at, Access("read_write")))));
        yield return Child("destination", ResourceTypes.LogsDestination, Map(
            at,
            ("label", Text($"{name}-destination", at)),
            ("type", Text("akamai_object_storage", at)),
            ("akamaiObjectStorageDetails", Map(
                at,
                ("accessKeyId", Ref($"{name}-destination-key", "accessKey", at)),
                ("accessKeySecret", Ref($"{name}-destination-key", "secretKey", at)),
                ("bucketName", bucketName),
                ("host", Ref($"{name}-bucket", "hostname", at)),
                ("path", pipeline.Property("path"))))));
        var destinations = List(at, Ref($"{name}-destination", "id", at));
        yield return Child("audit-stream", ResourceTypes.LogsStream, Map(
            at, ("label", Text($"{name}-audit-logs", at)), ("type", Text("audit_logs", at)), ("destinations", destinations), ("status", Text("active", at))));

        if (pipeline.Property("lkeClusterIds") is { } clusterIds and not NullValue)
        {
            yield return Child("lke-stream", ResourceTypes.LogsStream, Map(
                at,
                ("label", Text($"{name}-lke-audit-logs", at)),
                ("type", Text("lke_audit_logs", at)),
                ("destinations", destinations),
                ("status", Text("active", at)),
                ("details", Map(at, ("clusterIds", clusterIds)))));
        }

        if (pipeline.Property("readerKey")?.AsBool == true)
        {
            yield return Child("reader-key", ResourceTypes.ObjectStorageKey, Map(at, ("label", Text($"{name}-reader", at)), ("bucketAccesses", List(at, Access("read_only")))));
        }
    }

    private static AuditResource Cluster(AuditResource component)
    {
        var at = component.Location;
        var properties = new Dictionary<string, PolicyValue>(component.Properties.Entries, StringComparer.Ordinal)
        {
            // The component exists to turn control-plane audit logs on; it takes no input to turn them off.
            ["controlPlane"] = Map(at, ("auditLogsEnabled", Text("true", at))),
        };
        return new AuditResource($"{component.Name}-cluster", ResourceTypes.LkeCluster, new MapValue(properties, at), at, component.Protect, component.Name, component.Owner) { ProtectOption = component.ProtectOption };
    }
}

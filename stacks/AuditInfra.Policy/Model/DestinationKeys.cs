namespace AuditInfra.Policy.Model;

/// <summary>
/// Which Object Storage key a logs destination writes with: the key its
/// <c>akamaiObjectStorageDetails.accessKeyId</c> points at. In a preview where that id is not known yet,
/// the keys being created that can write are the candidates.
/// </summary>
public static class DestinationKeys
{
    public static IReadOnlyList<AuditResource> For(StackView view, AuditResource destination)
    {
        var accessKeyId = destination.Property("akamaiObjectStorageDetails.accessKeyId");
        var keys = References.Targets(view, accessKeyId, ResourceTypes.ObjectStorageKey, "accessKey");
        if (keys.Count > 1 && accessKeyId is Values.UnknownValue or Values.SecretValue)
        {
            var writers = keys.Where(k => Accesses(k).Any(a => a.At("permissions")?.Text == "read_write")).ToList();
            return writers.Count > 0 ? writers : keys;
        }

        return keys;
    }

    public static IEnumerable<AuditResource> All(StackView view) =>
        view.OfType(ResourceTypes.LogsDestination).SelectMany(d => For(view, d)).Distinct();

    /// <summary>The key's bucket accesses; none means an unlimited key.</summary>
    public static IReadOnlyList<Values.PolicyValue> Accesses(AuditResource key) => key.Property("bucketAccesses")?.Items ?? [];
}

using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class StreamDeliversToLockedBucketRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT007",
        "stream-delivers-to-locked-bucket",
        "Audit streams deliver to this stack's Object Lock bucket",
        Severity.Deny,
        ["*"],
        "A stream pointed at a destination or bucket managed elsewhere escapes every other rule here: nobody can show " +
        "that its bucket is locked, retained or scoped (checkov graph checks on connected resources).",
        "Point the stream's destinations at a MonitorLogsDestination of type akamai_object_storage in this stack whose " +
        "akamaiObjectStorageDetails.bucketName is this stack's ObjectLockBucket.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        foreach (var stream in view.OfType(ResourceTypes.LogsStream))
        {
            var destinations = stream.Property("destinations")?.Items ?? [];
            if (destinations.Count == 0)
            {
                yield return Violation.At(stream, stream.Property("destinations"), $"stream {stream.Name} has no destination");
            }

            foreach (var reference in destinations)
            {
                var targets = References.Targets(view, reference, ResourceTypes.LogsDestination, "id");
                if (targets.Count == 0)
                {
                    if (view.IsComplete)
                    {
                        yield return Violation.At(stream, reference, $"stream {stream.Name} delivers to destination {Describe(reference)}, which this stack does not manage");
                    }

                    continue;
                }

                foreach (var destination in targets)
                {
                    var type = destination.Property("type")?.Text;
                    var bucket = destination.Property("akamaiObjectStorageDetails.bucketName");
                    if (type is not null && type != "akamai_object_storage")
                    {
                        yield return Violation.At(destination, destination.Property("type"), $"stream {stream.Name} delivers through {destination.Name} of type {type}, not to Object Storage");
                    }
                    else if (bucket is not null && !References.IsLockedBucket(view, bucket))
                    {
                        yield return Violation.At(destination, bucket, $"destination {destination.Name} writes to bucket {Describe(bucket)}, which is not an Object Lock bucket of this stack");
                    }
                }
            }
        }
    }

    private static string Describe(Values.PolicyValue value) => value switch
    {
        Values.ScalarValue s => $"'{s.Raw}'",
        Values.ReferenceValue r => $"${{{r.Resource}.{r.Path}}}",
        _ => "(not known before the update)",
    };
}

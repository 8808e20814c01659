using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class WriterKeyScopedRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT010",
        "destination-key-scoped",
        "The destination's key is limited to the one audit bucket",
        Severity.Deny,
        ["*"],
        "The destination's key sits in Akamai's Logs service. An unlimited key can bypass GOVERNANCE retention and delete " +
        "locked versions; a limited read_write key cannot delete any locked version, and scoped to one bucket it cannot " +
        "touch anything else (Akamai Object Lock key matrix; Pulumi s3-bucket-least-privilege).",
        "Give the destination a linode ObjectStorageKey with exactly one bucketAccesses entry: the audit bucket, read_write.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        foreach (var destination in view.OfType(ResourceTypes.LogsDestination))
        {
            var details = destination.Property("akamaiObjectStorageDetails");
            if (details is null)
            {
                continue;
            }

            var keys = DestinationKeys.For(view, destination);
            if (keys.Count == 0)
            {
                if (view.IsComplete)
                {
                    yield return Violation.At(destination, details.At("accessKeyId"), $"destination {destination.Name} writes with a key this stack does not manage, so its scope cannot be checked");
                }

                continue;
            }

            var bucket = details.At("bucketName");
            foreach (var key in keys)
            {
                var accesses = DestinationKeys.Accesses(key);
                if (accesses.Count == 0)
                {
                    yield return Violation.At(key, null, $"key {key.Name} used by destination {destination.Name} is unlimited (no bucketAccesses): it can delete from every bucket");
                    continue;
                }

                if (accesses.Count > 1)
                {
                    yield return Violation.At(key, key.Property("bucketAccesses"), $"key {key.Name} used by destination {destination.Name} reaches {accesses.Count} buckets; it must reach only the audit bucket");
                }

                foreach (var access in accesses)
                {
                    var name = access.At("bucketName");
                    if (bucket is Values.ScalarValue or Values.ReferenceValue && name is Values.ScalarValue or Values.ReferenceValue && !References.Same(name, bucket))
                    {
                        yield return Violation.At(key, name, $"key {key.Name} used by destination {destination.Name} reaches bucket {name?.Text ?? "(another bucket)"}, not the audit bucket {bucket.Text ?? ""}".TrimEnd());
                    }

                    if (access.At("permissions") is { } permissions && permissions.Text is { } text && text != "read_write")
                    {
                        yield return Violation.At(key, permissions, $"key {key.Name} used by destination {destination.Name} has {text} access: the destination needs read_write");
                    }
                }
            }
        }
    }
}

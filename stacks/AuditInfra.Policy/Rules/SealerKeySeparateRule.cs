using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

/// <summary>
/// AUDIT017: the key the sealing job (<c>auditinfra seal</c>) uses is its own: not the key a logs destination writes
/// with, and limited to one bucket. A sealer key is an Object Storage key whose label ends with <c>-logs-sealer</c>,
/// as <c>AuditLogPipeline sealerKey: true</c> names it.
/// </summary>
public sealed class SealerKeySeparateRule : IPolicyRule
{
    /// <summary>The label suffix that marks a sealer key (the component's <c>SealerLabelSuffix</c>).</summary>
    public const string LabelSuffix = "-logs-sealer";

    public RuleInfo Info { get; } = new(
        "AUDIT017",
        "sealer-key-separate",
        "The sealing job's key is not the destination's key and reaches only the audit bucket",
        Severity.Deny,
        ["*"],
        "Digests prove what the bucket held only if whoever can write log objects cannot also write digests that vouch for " +
        "them: the destination's key lives in Akamai's Logs service, so a sealer sharing it lets one leaked key forge both " +
        "(docs/integrity.md, threat model). A sealer key that reaches other buckets widens what a leak exposes.",
        "Give the sealing job its own ObjectStorageKey labelled <bucket>-logs-sealer with exactly one bucketAccesses entry " +
        "(the audit bucket, read_write), e.g. AuditLogPipeline sealerKey: true, and never point a destination at it.");

    /// <summary>Whether a key is a sealer key (by its label).</summary>
    public static bool IsSealerKey(AuditResource key) =>
        key.Property("label")?.Text is { } label && label.EndsWith(LabelSuffix, StringComparison.Ordinal);

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        var destinationKeys = DestinationKeys.All(view).ToHashSet();
        foreach (var key in view.OfType(ResourceTypes.ObjectStorageKey).Where(IsSealerKey))
        {
            if (destinationKeys.Contains(key))
            {
                yield return Violation.At(key, key.Property("label"), $"key {key.Name} is the sealer's key and a logs destination writes with it; the sealer needs a key of its own");
            }

            var accesses = DestinationKeys.Accesses(key);
            if (accesses.Count != 1)
            {
                yield return Violation.At(key, key.Property("bucketAccesses"), accesses.Count == 0
                    ? $"sealer key {key.Name} is unlimited (no bucketAccesses): it must reach only the audit bucket"
                    : $"sealer key {key.Name} reaches {accesses.Count} buckets; it must reach only the audit bucket");
            }
        }
    }
}

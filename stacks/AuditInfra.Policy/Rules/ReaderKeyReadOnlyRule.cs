using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class ReaderKeyReadOnlyRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT011",
        "reader-key-read-only",
        "Every other key of the stack (the reader's) is limited and read-only",
        Severity.Deny,
        ["*"],
        "The reader job and investigators only list and read; a key that can write could add forged log objects next to " +
        "real ones (which no reader can tell apart), and an unlimited one could delete GOVERNANCE-locked logs.",
        "Give the reader's ObjectStorageKey bucketAccesses with permissions: read_only (AuditLogPipeline readerKey: true does).");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        if (!view.IsComplete)
        {
            // Which key is the destination's is only known with every destination in view.
            yield break;
        }

        var writers = DestinationKeys.All(view).ToHashSet();
        // The sealer's key writes digests, so it is read_write; AUDIT017 (sealer-key-separate) judges it instead.
        foreach (var key in view.OfType(ResourceTypes.ObjectStorageKey).Where(k => !writers.Contains(k) && !SealerKeySeparateRule.IsSealerKey(k)))
        {
            var accesses = DestinationKeys.Accesses(key);
            if (accesses.Count == 0)
            {
                yield return Violation.At(key, null, $"key {key.Name} is unlimited (no bucketAccesses); a reader key must be limited to read_only access");
                continue;
            }

            foreach (var permissions in accesses.Select(a => a.At("permissions")).Where(p => p?.Text is { } text && text != "read_only"))
            {
                yield return Violation.At(key, permissions, $"key {key.Name} has {permissions!.Text} access; a reader key must be read_only");
            }
        }
    }
}

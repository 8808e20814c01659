using AuditInfra.Policy.Model;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Rules;

/// <summary>
/// Fail closed on what the check cannot see: every property a deny rule needs (retention mode and period,
/// protect, a stream's type, status and destinations, a destination's type, a key's bucket accesses, a cluster's
/// audit-log flag and tier) must be known from the files. A value computed by the engine (another resource's
/// output, an <c>fn::</c> call, the preview's unknown marker, config from a Pulumi ESC environment, a secret, a
/// <c>get:</c> resource's state) is reported by name and cause: a deny in production, a warning elsewhere.
/// </summary>
public sealed class ValuesKnownBeforeDeployRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT015",
        "values-known-before-deploy",
        "Every value a rule needs is known before deploy",
        Severity.Deny,
        ["*"],
        "A gate that cannot see a value must not pass it: a retention period taken from another resource's output, a " +
        "function or an ESC environment could be one day, and no rule would notice. Production denies what it cannot " +
        "see; other environments are warned.",
        "Write the value (or a config key set in the stack file) instead of computing it, or check the preview of the " +
        "deployment (--preview) where the engine shows it; suppress with a reason if it cannot be known in advance.")
    {
        OutsideProd = Severity.Warn,
    };

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        foreach (var resource in context.View.Resources.Where(r => !r.IsGone))
        {
            foreach (var (path, value) in Needed(resource).Where(n => PolicyValue.IsUnseen(n.Value)))
            {
                yield return Violation.At(resource, value, $"{resource.Name} {path} is not known before deploy: {Why(value!)}");
            }

            if (resource.ProtectIsUnknown && ResourceTypes.AuditTrail.Contains(resource.Type))
            {
                yield return Violation.At(resource, resource.ProtectOption, $"{resource.Name} options.protect is not known before deploy: {Why(resource.ProtectOption!)}");
            }
        }
    }

    /// <summary>The properties of a resource that deny rules read as values (links to other resources are not among them).</summary>
    private static IEnumerable<(string Path, PolicyValue? Value)> Needed(AuditResource resource)
    {
        switch (resource.Type)
        {
            case ResourceTypes.ObjectLockBucket:
                var retention = resource.Property("retention");
                if (retention is not MapValue)
                {
                    yield return ("retention", retention);
                    yield break;
                }

                yield return ("retention.mode", retention.At("mode"));
                yield return retention.At("days") is null or NullValue ? ("retention.years", retention.At("years")) : ("retention.days", retention.At("days"));
                break;
            case ResourceTypes.LogsStream:
                yield return ("type", resource.Property("type"));
                yield return ("status", resource.Property("status"));
                yield return ("destinations", resource.Property("destinations"));
                break;
            case ResourceTypes.LogsDestination:
                yield return ("type", resource.Property("type"));
                yield return ("akamaiObjectStorageDetails", resource.Property("akamaiObjectStorageDetails"));
                break;
            case ResourceTypes.ObjectStorageKey:
                var accesses = resource.Property("bucketAccesses");
                yield return ("bucketAccesses", accesses);
                foreach (var (access, index) in (accesses as ListValue)?.Values.Select((a, i) => (a, i)) ?? [])
                {
                    yield return ($"bucketAccesses[{index}]", access);
                    yield return ($"bucketAccesses[{index}].permissions", access.At("permissions"));
                    yield return ($"bucketAccesses[{index}].bucketName", access.At("bucketName") is ReferenceValue ? null : access.At("bucketName"));
                }

                break;
            case ResourceTypes.LkeCluster:
                yield return ("controlPlane.auditLogsEnabled", resource.Property("controlPlane.auditLogsEnabled") ?? (resource.Property("controlPlane") is { } plane and not MapValue ? plane : null));
                yield return ("tier", resource.Property("tier"));
                break;
        }
    }

    private static string Why(PolicyValue value) => value switch
    {
        UnknownValue unknown => unknown.Why,
        ReferenceValue reference => $"it is the output {(reference.Path.Length > 0 ? reference.Path : "id")} of resource {reference.Resource}, known only after deploy",
        SecretValue => "it is a secret, which a static check cannot read",
        _ => "only Pulumi knows it",
    };
}

using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class AuditResourcesProtectedRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT014",
        "audit-resources-protected",
        "Production audit resources are protected",
        Severity.Deny,
        ["prod"],
        "`protect: true` makes Pulumi refuse any operation that would delete the resource, so a mistaken `pulumi destroy` " +
        "or a refactoring that drops a resource fails instead of tearing down the audit trail. Children inherit it from " +
        "their component.",
        "Add `options: {protect: true}` to the AuditLogPipeline (or to each bucket, destination and stream).");

    public IEnumerable<Violation> Evaluate(RuleContext context) =>
        context.View.Resources
            .Where(r => ResourceTypes.AuditTrail.Contains(r.Type) && !r.Protect && !r.IsGone && !r.IsRead && !r.ProtectIsUnknown)
            .Select(r => Violation.At(r, null, $"{r.Name} is not protected (options.protect: true on it or its component)"));
}

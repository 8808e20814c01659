using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class GovernanceModeOutsideProdRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT003",
        "governance-mode-noted",
        "GOVERNANCE retention outside production is noted",
        Severity.Warn,
        ["*", "!prod"],
        "GOVERNANCE is the right choice where test deliveries must be cleaned up, but its logs can be deleted by a " +
        "privileged key. The warning keeps that visible in every review rather than a silent default.",
        "Accept it for non-production stacks, or use COMPLIANCE if the stack's logs are evidence.");

    public IEnumerable<Violation> Evaluate(RuleContext context) =>
        context.View.OfType(ResourceTypes.ObjectLockBucket)
            .Select(b => (Bucket: b, Retention: Retention.Of(b)))
            .Where(x => x.Retention?.ModeText == Retention.Governance)
            .Select(x => Violation.At(x.Bucket, x.Retention!.Mode, $"{x.Bucket.Name} uses GOVERNANCE retention: a privileged key can remove its logs"));
}

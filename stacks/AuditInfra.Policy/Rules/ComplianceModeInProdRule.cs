using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class ComplianceModeInProdRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT002",
        "compliance-mode-in-prod",
        "Production audit buckets use COMPLIANCE retention",
        Severity.Deny,
        ["prod"],
        "In GOVERNANCE mode a user with the bypass permission (on Akamai: an unlimited key) can shorten the retention " +
        "or delete locked versions. In COMPLIANCE mode nobody can, root included, until the retention ends, which is " +
        "what an auditor needs to trust production logs (AWS Config s3-bucket-default-lock-enabled with mode).",
        "Set the stack's retentionMode (or retention.mode) to COMPLIANCE.");

    public IEnumerable<Violation> Evaluate(RuleContext context) =>
        context.View.OfType(ResourceTypes.ObjectLockBucket)
            .Select(b => (Bucket: b, Retention: Retention.Of(b)))
            .Where(x => x.Retention?.Mode is Values.ScalarValue && x.Retention.ModeText != Retention.Compliance)
            .Select(x => Violation.At(x.Bucket, x.Retention!.Mode, $"{x.Bucket.Name} uses {x.Retention.ModeText} retention; {context.View.Environment} requires COMPLIANCE"));
}

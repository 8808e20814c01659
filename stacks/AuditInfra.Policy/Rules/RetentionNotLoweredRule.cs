using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class RetentionNotLoweredRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT005",
        "retention-not-lowered",
        "A change never lowers the retention period or weakens the mode",
        Severity.Deny,
        ["*"],
        "Shortening retention, or moving from COMPLIANCE to GOVERNANCE, silently shrinks how long evidence is kept for " +
        "every object delivered from then on; Control Tower prohibits such changes on its log archive. Compared with the " +
        "preview's old inputs, and with the base branch's program when --base is given.",
        "Keep or raise the retention; if it must go down, record the decision as a suppression with a reason and expiry.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        foreach (var bucket in context.View.OfType(ResourceTypes.ObjectLockBucket))
        {
            if (bucket.Change?.OldInputs is not { } oldInputs || Retention.Of(oldInputs.At("retention")) is not { } before || Retention.Of(bucket) is not { } after)
            {
                continue;
            }

            var origin = bucket.Change.Origin;
            if (before.Days is { } oldDays && after.Days is { } newDays && newDays < oldDays)
            {
                yield return Violation.At(bucket, after.Period, $"{bucket.Name} retention goes down from {before.PeriodText} to {after.PeriodText} (compared with {origin})");
            }

            if (before.ModeText == Retention.Compliance && after.Mode is Values.ScalarValue && after.ModeText != Retention.Compliance)
            {
                yield return Violation.At(bucket, after.Mode, $"{bucket.Name} retention mode goes from COMPLIANCE to {after.ModeText} (compared with {origin})");
            }
        }
    }
}

using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class MinimumRetentionRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT004",
        "minimum-retention",
        "Retention is at least the environment's minimum (prod: 365 days)",
        Severity.Deny,
        ["*"],
        "Audit evidence is asked for long after the fact; Control Tower and the Landing Zone Accelerator keep audit logs " +
        "365 days by default and Akamai's own audit-log example uses COMPLIANCE for 365 days. The minimum per " +
        "environment is set in policy.yaml (minimumRetentionDays), prod 365 and others 1 by default.",
        "Raise the stack's retentionDays (or retention.days/years) to the minimum, or change minimumRetentionDays in policy.yaml.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var minimum = context.Settings.MinimumRetentionFor(context.View.Environment);
        foreach (var bucket in context.View.OfType(ResourceTypes.ObjectLockBucket))
        {
            if (Retention.Of(bucket) is { Days: { } days } retention && days < minimum)
            {
                yield return Violation.At(bucket, retention.Period, $"{bucket.Name} keeps logs {retention.PeriodText}; {context.View.Environment} requires at least {minimum} days");
            }
        }
    }
}

using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class ObjectLockEnabledRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT001",
        "object-lock-enabled",
        "The audit bucket has Object Lock with a default retention",
        Severity.Deny,
        ["*"],
        "Without Object Lock anyone holding a key with delete rights can erase delivered audit logs, which is exactly " +
        "what an intruder covering their tracks does. Akamai requires Object Lock for audit-log buckets, and it can only " +
        "be set when the bucket is created (AWS Config s3-bucket-default-lock-enabled, Control Tower CT.S3.PR.9).",
        "Deliver into an auditinfra:index:ObjectLockBucket (or an AuditLogPipeline) with retention {mode: COMPLIANCE|GOVERNANCE, days|years}.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        var buckets = view.OfType(ResourceTypes.ObjectLockBucket).ToList();
        if (buckets.Count == 0 && view.IsComplete)
        {
            yield return new Violation($"{view.Describe} has no Object Lock bucket for its audit logs", null, view.Anchor);
        }

        foreach (var bucket in buckets)
        {
            var retention = Retention.Of(bucket);
            if (retention is null)
            {
                // Unknown until deploy is AUDIT015's finding (deny in prod, warn elsewhere); anything else is no retention.
                if (!Values.PolicyValue.IsUnseen(bucket.Property("retention")))
                {
                    var shape = bucket.Property("retention") is { } written and not Values.NullValue ? $" (retention is {Values.PolicyValue.Shape(written)}, not {{mode, days | years}})" : "";
                    yield return Violation.At(bucket, bucket.Property("retention"), $"{bucket.Name} has no default retention{shape}, so Object Lock protects nothing by default");
                }

                continue;
            }

            switch (retention.Mode)
            {
                case Values.ScalarValue when retention.ModeText is not (Retention.Compliance or Retention.Governance):
                    yield return Violation.At(bucket, retention.Mode, $"{bucket.Name} has retention mode '{retention.Mode.Text}'; Object Lock needs COMPLIANCE or GOVERNANCE");
                    break;
                case null or Values.NullValue:
                    yield return Violation.At(bucket, bucket.Property("retention"), $"{bucket.Name} has no retention mode");
                    break;
                case Values.MapValue or Values.ListValue:
                    yield return Violation.At(bucket, retention.Mode, $"{bucket.Name} has a retention mode that is {Values.PolicyValue.Shape(retention.Mode)}; Object Lock needs COMPLIANCE or GOVERNANCE");
                    break;
            }

            switch (retention.Period)
            {
                case null:
                    yield return Violation.At(bucket, bucket.Property("retention"), $"{bucket.Name} has no positive retention period (days or years)");
                    break;
                case Values.ScalarValue when retention.Days is not > 0:
                    yield return Violation.At(bucket, retention.Period, $"{bucket.Name} has retention {retention.PeriodText}, not a positive number of {(retention.InYears ? "years" : "days")}");
                    break;
                case Values.MapValue or Values.ListValue:
                    yield return Violation.At(bucket, retention.Period, $"{bucket.Name} has a retention period that is {Values.PolicyValue.Shape(retention.Period)}, not a whole number of {(retention.InYears ? "years" : "days")}");
                    break;
            }
        }
    }
}

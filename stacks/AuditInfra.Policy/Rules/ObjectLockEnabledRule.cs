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
                if (bucket.Property("retention") is not Values.UnknownValue)
                {
                    yield return Violation.At(bucket, bucket.Property("retention"), $"{bucket.Name} has no default retention, so Object Lock protects nothing by default");
                }

                continue;
            }

            if (retention.Mode is Values.ScalarValue && retention.ModeText is not (Retention.Compliance or Retention.Governance))
            {
                yield return Violation.At(bucket, retention.Mode, $"{bucket.Name} has retention mode '{retention.Mode.Text}'; Object Lock needs COMPLIANCE or GOVERNANCE");
            }
            else if (retention.Mode is null or Values.NullValue)
            {
                yield return Violation.At(bucket, bucket.Property("retention"), $"{bucket.Name} has no retention mode");
            }

            if (retention.Period is null || retention.Period is Values.ScalarValue && retention.Days is not > 0)
            {
                yield return Violation.At(bucket, retention.Period ?? bucket.Property("retention"), $"{bucket.Name} has no positive retention period (days or years)");
            }
        }
    }
}

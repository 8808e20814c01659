using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class SingleAuditStreamRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT006",
        "single-active-audit-stream",
        "Exactly one active audit_logs stream",
        Severity.Deny,
        ["*"],
        "With no active stream nothing is delivered; with two, every event is delivered twice and the reader reports " +
        "duplicates, or a second stream quietly sends the account's audit trail somewhere else (checkov CKV_AWS_251, " +
        "Control Tower's mandatory CloudTrail guardrail).",
        "Keep one AuditLogPipeline (or one linode MonitorLogsStream of type audit_logs, status active) per stack.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        if (!view.IsComplete)
        {
            yield break;
        }

        var streams = Streams.OfKind(view, Streams.AuditLogs).ToList();
        foreach (var inactive in streams.Where(s => !Streams.IsActive(s)))
        {
            yield return Violation.At(inactive, inactive.Property("status"), $"audit_logs stream {inactive.Name} is {inactive.Property("status")?.Text}: nothing is delivered through it");
        }

        var active = streams.Where(Streams.IsActive).ToList();
        if (active.Count == 0)
        {
            yield return new Violation($"{view.Describe} has no active audit_logs stream", null, view.Anchor);
        }

        foreach (var extra in active.Skip(1))
        {
            yield return Violation.At(extra, null, $"{extra.Name} is a second active audit_logs stream (first: {active[0].Name}); there must be exactly one");
        }
    }
}

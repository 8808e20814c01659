using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class NoDeleteOrReplaceRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT013",
        "no-delete-or-replace",
        "A preview never deletes or replaces the bucket, a stream or the destination",
        Severity.Deny,
        ["*"],
        "Replacing the bucket starts an empty one (the old logs stay locked where nobody looks); deleting or replacing " +
        "a stream or destination leaves a gap in delivery that no later run can fill. Only the engine knows which " +
        "changes force a replacement, so this rule reads the preview (Control Tower AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED).",
        "Change the program so the resource is updated in place (see the preview's replaceReasons), or move it with aliases.");

    public IEnumerable<Violation> Evaluate(RuleContext context) =>
        context.View.Resources
            .Where(r => ResourceTypes.AuditTrail.Contains(r.Type) && r.Change is { Deletes: true } && context.View.Source == ViewSource.Preview)
            .Select(r => Violation.At(r, null, $"the preview would {(r.Change!.Replaces ? "replace" : "delete")} {ShortType(r.Type)} {r.Name} ({r.Change.Operation})"));

    private static string ShortType(string type) => type[(type.LastIndexOf(':') + 1)..];
}

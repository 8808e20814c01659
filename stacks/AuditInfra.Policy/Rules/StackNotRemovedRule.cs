using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

/// <summary>
/// With --base: a stack file that the base branch has and the change deletes. Its stack would no longer be
/// checked at all (and its config is what keeps the audit pipeline's settings), so this is a finding: a deny for a
/// production stack, a warning elsewhere.
/// </summary>
public sealed class StackNotRemovedRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT016",
        "stack-not-removed",
        "A change does not delete a stack's file",
        Severity.Deny,
        ["*"],
        "Deleting Pulumi.<stack>.yaml removes the stack from every check while the deployed stack lives on (or is " +
        "destroyed next), so the gate would pass a change it can no longer see. Compared with the base branch (--base).",
        "Keep the stack file; retire a stack with a reviewed `pulumi destroy` and record it as a suppression with a reason.")
    {
        OutsideProd = Severity.Warn,
    };

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        if (view.Source == ViewSource.Removed)
        {
            yield return new Violation(
                $"{view.SourceFile} exists on the base branch and this change deletes it: stack {view.Stack} ({view.Environment}) would no longer be checked",
                null,
                new Values.SourceLocation(view.SourceFile, 1, 1));
        }
    }
}

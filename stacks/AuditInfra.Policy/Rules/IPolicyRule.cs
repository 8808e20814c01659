namespace AuditInfra.Policy.Rules;

/// <summary>A policy rule: its documentation and a check over one view of a stack.</summary>
public interface IPolicyRule
{
    RuleInfo Info { get; }

    IEnumerable<Violation> Evaluate(RuleContext context);
}

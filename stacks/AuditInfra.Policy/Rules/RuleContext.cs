using AuditInfra.Policy.Model;
using AuditInfra.Policy.Settings;

namespace AuditInfra.Policy.Rules;

/// <summary>What a rule evaluates: one view of one stack, and the settings from policy.yaml.</summary>
public sealed record RuleContext(StackView View, PolicySettings Settings);

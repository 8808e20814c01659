namespace AuditInfra.Investigation.Detections;

/// <summary>Whether a rule uses a record; pure, so the reading threads run it.</summary>
public delegate bool RulePredicate(in RuleInput record);

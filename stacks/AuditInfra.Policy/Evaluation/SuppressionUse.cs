using AuditInfra.Policy.Settings;

namespace AuditInfra.Policy.Evaluation;

/// <summary>How a suppression fared in this run, so suppressions are always reported, never silent.</summary>
public sealed record SuppressionUse(Suppression Suppression, SuppressionStatus Status, int Matched);

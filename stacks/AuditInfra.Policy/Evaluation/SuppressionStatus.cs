namespace AuditInfra.Policy.Evaluation;

/// <summary>The state of a suppression in one run.</summary>
public enum SuppressionStatus
{
    /// <summary>In force and matched at least one finding.</summary>
    Applied,

    /// <summary>In force but matched nothing: a candidate for removal.</summary>
    Unused,

    /// <summary>Past its expiry date: it suppresses nothing and is reported.</summary>
    Expired,
}

using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.AuditedLkeCluster;

/// <summary>One node pool of an audited cluster (linode <c>pools[]</c>).</summary>
public sealed record NodePool
{
    [Property("type", "Linode plan of the nodes, e.g. g6-standard-2.")]
    public required string Type { get; init; }

    [Property("count", "Number of nodes.")]
    public int? Count { get; init; }

    [Property("autoscaler", "Autoscaler bounds; without count the pool starts at min.")]
    public PoolAutoscaler? Autoscaler { get; init; }
}

/// <summary>Autoscaler bounds of a node pool.</summary>
public sealed record PoolAutoscaler
{
    [Property("min", "Fewest nodes.")]
    public required int Min { get; init; }

    [Property("max", "Most nodes.")]
    public required int Max { get; init; }
}

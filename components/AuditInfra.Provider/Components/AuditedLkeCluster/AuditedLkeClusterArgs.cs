using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.AuditedLkeCluster;

/// <summary>Inputs of <see cref="AuditedLkeClusterComponent"/>: the usual cluster inputs.</summary>
public sealed record AuditedLkeClusterArgs
{
    [Property("label", "Cluster label.")]
    public required string Label { get; init; }

    [Property("region", "Linode region, e.g. us-ord.")]
    public required string Region { get; init; }

    [Property("k8sVersion", "Kubernetes version (major.minor for standard, e.g. 1.32; a full version such as v1.31.8+lke5 for enterprise).")]
    public required string K8sVersion { get; init; }

    [Property("tier", "standard or enterprise (control-plane audit logs are an LKE Enterprise feature).", OneOf = ["standard", "enterprise"])]
    public string? Tier { get; init; }

    [Property("pools", "Node pools; at least one.")]
    public required IReadOnlyList<NodePool> Pools { get; init; }
}

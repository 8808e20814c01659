using AuditInfra.Provider.Components.AuditedLkeCluster;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.Linode;

/// <summary>Inputs of <c>linode:index/lkeCluster:LkeCluster</c> this project sets.</summary>
public sealed record LkeClusterArgs
{
    [Property("label", "Cluster label.")]
    public required string Label { get; init; }

    [Property("region", "Region.")]
    public required string Region { get; init; }

    [Property("k8sVersion", "Kubernetes version.")]
    public required string K8sVersion { get; init; }

    [Property("tier", "standard or enterprise.")]
    public string? Tier { get; init; }

    [Property("pools", "Node pools.")]
    public required IReadOnlyList<NodePool> Pools { get; init; }

    [Property("controlPlane", "Control plane settings.")]
    public required LkeControlPlane ControlPlane { get; init; }
}

/// <summary>The nested <c>controlPlane</c> object (a MaxItems-1 block flattened to an object).</summary>
public sealed record LkeControlPlane
{
    [Property("auditLogsEnabled", "Deliver control-plane audit logs.")]
    public required bool AuditLogsEnabled { get; init; }
}

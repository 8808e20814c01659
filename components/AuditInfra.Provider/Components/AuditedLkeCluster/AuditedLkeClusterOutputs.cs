using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.AuditedLkeCluster;

/// <summary>Outputs of <see cref="AuditedLkeClusterComponent"/>.</summary>
public sealed record AuditedLkeClusterOutputs
{
    [Property("clusterId", "Id of the LKE cluster (a string; give it to AuditLogPipeline's lkeClusterIds).")]
    public required Output<string> ClusterId { get; init; }

    [Property("kubeconfig", "Base64 kubeconfig of the cluster.", Secret = true)]
    public required Output<string> Kubeconfig { get; init; }
}

using AuditInfra.Provider.Components.Linode;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.AuditedLkeCluster;

/// <summary>An LKE cluster created with control-plane audit logs switched on (<c>controlPlane.auditLogsEnabled</c>).</summary>
[ResourceType(Token, "An LKE cluster (linode:index/lkeCluster:LkeCluster) created with controlPlane.auditLogsEnabled = true, so its Kubernetes API audit logs can be streamed.")]
public sealed class AuditedLkeClusterComponent : IComponent<AuditedLkeClusterArgs, AuditedLkeClusterOutputs>
{
    public const string Token = "auditinfra:index:AuditedLkeCluster";

    public IReadOnlyList<CheckFailure> Validate(AuditedLkeClusterArgs args)
    {
        var failures = new List<CheckFailure>();
        if (args.Pools is { Count: 0 })
        {
            failures.Add(new CheckFailure("pools", "needs at least one node pool"));
        }

        for (var i = 0; i < (args.Pools?.Count ?? 0); i++)
        {
            var pool = args.Pools![i];
            if (pool.Count is null && pool.Autoscaler is null)
            {
                failures.Add(new CheckFailure($"pools[{i}]", "needs count or autoscaler"));
            }

            if (pool.Count is < 1)
            {
                failures.Add(new CheckFailure($"pools[{i}].count", $"must be at least 1, not {pool.Count}"));
            }

            if (pool.Autoscaler is { } a && (a.Min < 1 || a.Max < a.Min))
            {
                failures.Add(new CheckFailure($"pools[{i}].autoscaler", $"needs 1 <= min <= max, not min {a.Min}, max {a.Max}"));
            }
        }

        return failures;
    }

    public async Task<AuditedLkeClusterOutputs> ConstructAsync(AuditedLkeClusterArgs args, IComponentScope scope, CancellationToken cancellationToken)
    {
        var cluster = await scope.RegisterAsync(
            LinodePackage.LkeCluster,
            $"{scope.Name}-cluster",
            new LkeClusterArgs
            {
                Label = args.Label,
                Region = args.Region,
                K8sVersion = args.K8sVersion,
                Tier = args.Tier,
                Pools = args.Pools,
                ControlPlane = new LkeControlPlane { AuditLogsEnabled = true },
            },
            new ChildOptions { AdditionalSecretOutputs = ["kubeconfig"] },
            cancellationToken);
        return new AuditedLkeClusterOutputs { ClusterId = cluster.Id, Kubeconfig = cluster.Get<string>("kubeconfig").AsSecret() };
    }
}

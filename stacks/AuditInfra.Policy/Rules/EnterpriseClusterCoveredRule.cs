using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class EnterpriseClusterCoveredRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT009",
        "enterprise-cluster-streamed",
        "Every LKE Enterprise cluster is covered by an lke_audit_logs stream",
        Severity.Deny,
        ["*"],
        "Enabling audit logs on an Enterprise cluster only makes Akamai collect them; without an active lke_audit_logs " +
        "stream naming the cluster (or adding all clusters) they never reach the bucket.",
        "List the cluster in the AuditLogPipeline's lkeClusterIds (${cluster.clusterId}), or in details.clusterIds of an " +
        "lke_audit_logs MonitorLogsStream, or set details.isAutoAddAllClustersEnabled: true.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        if (!view.IsComplete)
        {
            yield break;
        }

        var streams = Streams.OfKind(view, Streams.LkeAuditLogs).Where(Streams.IsActive).ToList();
        foreach (var cluster in view.OfType(ResourceTypes.LkeCluster).Where(c => c.Property("tier")?.Text == "enterprise"))
        {
            var covered = streams.Any(s =>
                s.Property("details.isAutoAddAllClustersEnabled")?.AsBool == true ||
                (s.Property("details.clusterIds")?.Items ?? []).Any(id => References.Targets(view, id, ResourceTypes.LkeCluster, "id").Contains(cluster)));
            if (!covered)
            {
                yield return Violation.At(cluster, cluster.Property("tier"), $"LKE Enterprise cluster {cluster.Name} is in no active lke_audit_logs stream: its Kubernetes audit logs are not delivered");
            }
        }
    }
}

using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Rules;

public sealed class LkeAuditLogsEnabledRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT008",
        "lke-audit-logs-enabled",
        "Every LKE cluster has control-plane audit logs enabled",
        Severity.Deny,
        ["*"],
        "The Kubernetes API audit log is the only record of who did what inside a cluster (exec into pods, reading " +
        "secrets); it is off unless controlPlane.auditLogsEnabled is set (checkov CKV_AWS_37, Trivy AVD-AWS-0038 for EKS).",
        "Use auditinfra:index:AuditedLkeCluster, or set controlPlane.auditLogsEnabled: true on the linode LkeCluster.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        foreach (var cluster in context.View.OfType(ResourceTypes.LkeCluster))
        {
            var flag = cluster.Property("controlPlane.auditLogsEnabled");
            if (flag is null || flag is Values.ScalarValue && flag.AsBool != true)
            {
                yield return Violation.At(cluster, flag ?? cluster.Property("controlPlane"), $"LKE cluster {cluster.Name} does not set controlPlane.auditLogsEnabled: true");
            }
        }
    }
}

using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.Linode;

/// <summary>Inputs of <c>linode:index/monitorLogsStream:MonitorLogsStream</c>; destination and cluster ids are integers.</summary>
public sealed record MonitorLogsStreamArgs
{
    public const string AuditLogs = "audit_logs";
    public const string LkeAuditLogs = "lke_audit_logs";

    [Property("label", "Stream label.")]
    public required string Label { get; init; }

    [Property("type", "audit_logs or lke_audit_logs.")]
    public required string Type { get; init; }

    [Property("destinations", "Destination ids (integers).")]
    public required IReadOnlyList<Output<int>> Destinations { get; init; }

    [Property("status", "active or inactive.")]
    public string? Status { get; init; }

    [Property("details", "For lke_audit_logs: the clusters.")]
    public MonitorLogsStreamDetails? Details { get; init; }
}

/// <summary>The nested <c>details</c> object of an <c>lke_audit_logs</c> stream.</summary>
public sealed record MonitorLogsStreamDetails
{
    [Property("clusterIds", "LKE cluster ids (integers).")]
    public required Output<IReadOnlyList<int>> ClusterIds { get; init; }
}

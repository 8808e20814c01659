namespace AuditInfra.Reader.Layout;

/// <summary>The Logs stream that delivered an object (the first segment of a default key).</summary>
public enum StreamType
{
    /// <summary><c>audit_logs</c>: configuration changes (<c>-config</c>) and sign-ins (<c>-login</c>).</summary>
    AuditLogs,

    /// <summary><c>lke_audit_logs</c>: Kubernetes API audit events of LKE Enterprise clusters (<c>-k8s</c>).</summary>
    LkeAuditLogs,
}

namespace AuditInfra.Reader.Layout;

/// <summary>The names Akamai writes into keys for streams and categories.</summary>
public static class StreamTypes
{
    public const string AuditLogs = "audit_logs";
    public const string LkeAuditLogs = "lke_audit_logs";

    /// <summary>The <c>log_type</c> segment, the same for both stream types.</summary>
    public const string LogType = "com.akamai.audit";

    public static string Name(StreamType stream) => stream == StreamType.LkeAuditLogs ? LkeAuditLogs : AuditLogs;

    public static StreamType? Parse(string name) => name switch
    {
        AuditLogs => StreamType.AuditLogs,
        LkeAuditLogs => StreamType.LkeAuditLogs,
        _ => null,
    };

    public static string CategoryName(LogCategory category) => category switch
    {
        LogCategory.Login => "login",
        LogCategory.Kubernetes => "k8s",
        _ => "config",
    };

    public static StreamType StreamOf(LogCategory category) => category == LogCategory.Kubernetes ? StreamType.LkeAuditLogs : StreamType.AuditLogs;
}

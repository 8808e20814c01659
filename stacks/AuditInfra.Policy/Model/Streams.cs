namespace AuditInfra.Policy.Model;

/// <summary>The stream types and how a stream's state reads.</summary>
public static class Streams
{
    public const string AuditLogs = "audit_logs";
    public const string LkeAuditLogs = "lke_audit_logs";

    /// <summary>Active unless its status says it is not (the status is optional and defaults to active).</summary>
    public static bool IsActive(AuditResource stream) => stream.Property("status")?.Text is null or "active" or "provisioning";

    public static IEnumerable<AuditResource> OfKind(StackView view, string kind) =>
        view.OfType(ResourceTypes.LogsStream).Where(s => s.Property("type")?.Text == kind);
}

namespace AuditInfra.Policy.Model;

/// <summary>The type tokens the rules know, and the canonical form of the short tokens Pulumi YAML accepts.</summary>
public static class ResourceTypes
{
    public const string AuditLogPipeline = "auditinfra:index:AuditLogPipeline";
    public const string AuditedLkeCluster = "auditinfra:index:AuditedLkeCluster";
    public const string ObjectLockBucket = "auditinfra:index:ObjectLockBucket";
    public const string ObjectStorageKey = "linode:index/objectStorageKey:ObjectStorageKey";
    public const string ObjectStorageBucket = "linode:index/objectStorageBucket:ObjectStorageBucket";
    public const string LogsDestination = "linode:index/monitorLogsDestination:MonitorLogsDestination";
    public const string LogsStream = "linode:index/monitorLogsStream:MonitorLogsStream";
    public const string LkeCluster = "linode:index/lkeCluster:LkeCluster";

    /// <summary>The resources whose loss breaks the audit trail: the bucket, the destination and the streams.</summary>
    public static IReadOnlySet<string> AuditTrail { get; } = new HashSet<string>(StringComparer.Ordinal) { ObjectLockBucket, LogsDestination, LogsStream };

    /// <summary>
    /// <c>linode:ObjectStorageKey</c> and <c>linode:index:ObjectStorageKey</c> mean
    /// <c>linode:index/objectStorageKey:ObjectStorageKey</c>; <c>auditinfra:X</c> means <c>auditinfra:index:X</c>.
    /// </summary>
    public static string Canonical(string token)
    {
        var parts = token.Split(':');
        if (parts.Length == 2)
        {
            parts = [parts[0], "index", parts[1]];
        }

        if (parts.Length != 3)
        {
            return token;
        }

        var (package, module, type) = (parts[0], parts[1], parts[2]);
        if (package == "linode" && module == "index" && type.Length > 0)
        {
            module = $"index/{char.ToLowerInvariant(type[0])}{type[1..]}";
        }

        return $"{package}:{module}:{type}";
    }
}

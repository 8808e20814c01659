using AuditInfra.Provider.Model;
using AuditInfra.Provider.Resources.ObjectLockBucket;

namespace AuditInfra.Provider.Components.AuditLogPipeline;

/// <summary>Inputs of <see cref="AuditLogPipelineComponent"/>.</summary>
public sealed record AuditLogPipelineArgs
{
    [Property("region", "Linode region of the bucket and its keys, e.g. us-ord.")]
    public required string Region { get; init; }

    [Property("bucketName", "Name of the Object Lock bucket the logs are delivered into.")]
    public required string BucketName { get; init; }

    [Property("retention", "Default Object Lock retention of the bucket.")]
    public required Retention Retention { get; init; }

    [Property("path", "Destination path replacing the default key prefix (empty: the default).")]
    public string? Path { get; init; }

    [Property("lkeClusterIds", "LKE cluster ids whose Kubernetes API audit logs go to the same destination (adds an lke_audit_logs stream).")]
    public Output<IReadOnlyList<string>>? LkeClusterIds { get; init; }

    [Property("readerKey", "Also create a read-only key for the reader job (`auditinfra verify`).")]
    public bool? ReaderKey { get; init; }

    [Property("sealerKey", "Also create a key for the sealing job (`auditinfra seal`): read_write on this bucket only, separate from the destination's key.")]
    public bool? SealerKey { get; init; }
}

using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Resources.ObjectLockBucket;

/// <summary>Inputs of <see cref="ObjectLockBucketResource"/>.</summary>
public sealed record ObjectLockBucketArgs
{
    [Property("bucketName", "Bucket name (S3 rules: 3–63 lowercase letters, digits, hyphens, dots). A new name replaces the bucket.", ReplaceOnChanges = true)]
    public required string BucketName { get; init; }

    [Property("retention", "Default Object Lock retention for new object versions; changing it updates the bucket in place.")]
    public required Retention Retention { get; init; }
}

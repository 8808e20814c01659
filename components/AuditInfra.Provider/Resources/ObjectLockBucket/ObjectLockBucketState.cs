using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Resources.ObjectLockBucket;

/// <summary>Outputs of <see cref="ObjectLockBucketResource"/>; null members are not known yet (preview).</summary>
public sealed record ObjectLockBucketState
{
    [Property("bucketName", "Bucket name.")]
    public required string BucketName { get; init; }

    [Property("endpoint", "S3 endpoint the bucket lives on.")]
    public string? Endpoint { get; init; }

    [Property("hostname", "Virtual-hosted hostname of the bucket (<bucket>.<endpoint host>): the `host` of a Linode logs destination.")]
    public string? Hostname { get; init; }

    [Property("objectLockEnabled", "Whether Object Lock is enabled (always true for buckets this resource creates).")]
    public bool? ObjectLockEnabled { get; init; }

    [Property("versioning", "Bucket versioning status (Object Lock implies Enabled).")]
    public string? Versioning { get; init; }

    [Property("retention", "Default Object Lock retention as read from the bucket.")]
    public Retention? Retention { get; init; }
}

using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.Linode;

/// <summary>Inputs of <c>linode:index/objectStorageKey:ObjectStorageKey</c> (a limited key when bucketAccesses is set).</summary>
public sealed record ObjectStorageKeyArgs
{
    [Property("label", "Key label.")]
    public required string Label { get; init; }

    [Property("bucketAccesses", "Buckets the key may reach, each with its permission.")]
    public required IReadOnlyList<BucketAccess> BucketAccesses { get; init; }
}

/// <summary>One <c>bucketAccesses</c> entry; since linode 6.6 (upstream v4) <c>region</c> is required.</summary>
public sealed record BucketAccess
{
    public const string ReadWrite = "read_write";
    public const string ReadOnly = "read_only";

    [Property("bucketName", "Bucket label.")]
    public required Output<string> BucketName { get; init; }

    [Property("permissions", "read_write or read_only.")]
    public required string Permissions { get; init; }

    [Property("region", "Region of the bucket, e.g. us-ord.")]
    public required string Region { get; init; }
}

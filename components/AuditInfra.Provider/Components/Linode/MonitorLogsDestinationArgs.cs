using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.Linode;

/// <summary>Inputs of <c>linode:index/monitorLogsDestination:MonitorLogsDestination</c>.</summary>
public sealed record MonitorLogsDestinationArgs
{
    public const string AkamaiObjectStorage = "akamai_object_storage";

    [Property("label", "Destination label.")]
    public required string Label { get; init; }

    [Property("type", "akamai_object_storage or custom_https.")]
    public required string Type { get; init; }

    [Property("akamaiObjectStorageDetails", "Where in Object Storage the logs go.")]
    public required AkamaiObjectStorageDetails AkamaiObjectStorageDetails { get; init; }
}

/// <summary>The nested <c>akamaiObjectStorageDetails</c> object (camelCase in the Pulumi schema).</summary>
public sealed record AkamaiObjectStorageDetails
{
    [Property("accessKeyId", "Access key of the key that writes the logs.")]
    public required Output<string> AccessKeyId { get; init; }

    [Property("accessKeySecret", "Its secret key (write-only upstream).", Secret = true)]
    public required Output<string> AccessKeySecret { get; init; }

    [Property("bucketName", "Bucket label.")]
    public required Output<string> BucketName { get; init; }

    [Property("host", "Bucket hostname.")]
    public required Output<string> Host { get; init; }

    [Property("path", "Key prefix replacing the default one.")]
    public string? Path { get; init; }
}

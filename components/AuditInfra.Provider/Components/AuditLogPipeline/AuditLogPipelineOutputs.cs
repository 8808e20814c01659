using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Components.AuditLogPipeline;

/// <summary>Outputs of <see cref="AuditLogPipelineComponent"/>.</summary>
public sealed record AuditLogPipelineOutputs
{
    [Property("bucketName", "The bucket the logs are delivered into.")]
    public required Output<string> BucketName { get; init; }

    [Property("hostname", "Its hostname (the destination's host).")]
    public required Output<string> Hostname { get; init; }

    [Property("destinationId", "Id of the logs destination.")]
    public required Output<string> DestinationId { get; init; }

    [Property("streamId", "Id of the audit_logs stream.")]
    public required Output<string> StreamId { get; init; }

    [Property("lkeStreamId", "Id of the lke_audit_logs stream, when lkeClusterIds is set.")]
    public Output<string>? LkeStreamId { get; init; }

    [Property("readerAccessKey", "Read-only access key for the reader job, when readerKey is true.", Secret = true)]
    public Output<string>? ReaderAccessKey { get; init; }

    [Property("readerSecretKey", "Its secret key.", Secret = true)]
    public Output<string>? ReaderSecretKey { get; init; }

    [Property("sealerAccessKey", "Access key of the sealing job (read_write on the bucket only, not the destination's key), when sealerKey is true.", Secret = true)]
    public Output<string>? SealerAccessKey { get; init; }

    [Property("sealerSecretKey", "Its secret key.", Secret = true)]
    public Output<string>? SealerSecretKey { get; init; }
}

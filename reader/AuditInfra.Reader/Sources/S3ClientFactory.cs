using Amazon.Runtime;
using Amazon.S3;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// The one place an <see cref="AmazonS3Client"/> is configured for S3-compatible servers: path-style addressing,
/// checksums only when required (radosgw rejects the SDK's streaming trailer checksums), standard retries, the
/// endpoint resolved once per bucket (<see cref="CachedS3EndpointProvider"/>).
/// </summary>
public static class S3ClientFactory
{
    public static AmazonS3Client Create(S3LogSourceOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = options.MaxRetries,
            RetryMode = RequestRetryMode.Standard,
            Timeout = options.RequestTimeout,
        };
        // Never AWS by default: the endpoint comes from --endpoint, the Linode region, or AWS_ENDPOINT_URL(_S3).
        var (url, signingRegion) = ObjectStorageEndpoints.Resolve(options);
        config.ServiceURL = url;
        config.AuthenticationRegion = signingRegion;
        // The SDK would evaluate its endpoint rules for every request; with a fixed endpoint and path style the answer
        // depends on the bucket alone.
        config.EndpointProvider = new CachedS3EndpointProvider();

        return options.AccessKey is { Length: > 0 } && options.SecretKey is { Length: > 0 }
            ? new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }

    /// <summary>How an endpoint is named in messages.</summary>
    public static string Describe(S3LogSourceOptions options) => ObjectStorageEndpoints.Resolve(options).Url;
}

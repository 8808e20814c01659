using Amazon.Runtime;
using Amazon.S3;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Resources.ObjectStorage;

/// <summary>Builds the S3 client for the configured endpoint, once, on first use (previews never need one).</summary>
public sealed class ObjectStorageClientFactory(ObjectStorageSettings settings) : IDisposable
{
    private readonly Lazy<AmazonS3Client> _client = new(() => Create(settings));

    public ObjectStorageSettings Settings { get; } = settings;

    public AmazonS3Client Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    private static AmazonS3Client Create(ObjectStorageSettings settings)
    {
        if (settings.MissingKeys() is { Count: > 0 } missing)
        {
            throw new ResourceException(
                ResourceErrorKind.PreconditionFailed,
                $"missing provider configuration {string.Join(", ", missing)}: set it with `pulumi config set` " +
                "(`--secret` for the keys) or the environment variables docs/provider.md lists");
        }

        return new AmazonS3Client(
            new BasicAWSCredentials(settings.AccessKey, settings.SecretKey),
            new AmazonS3Config
            {
                ServiceURL = settings.Endpoint!.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = settings.Region,
                // Ceph RGW (what Linode Object Storage runs) rejects the SDK's default streaming trailer checksums.
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                MaxErrorRetry = 3,
                Timeout = TimeSpan.FromSeconds(30),
            });
    }
}

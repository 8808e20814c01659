using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Generation;

/// <summary>Writes objects into a bucket (under an optional prefix). The bucket must exist.</summary>
public sealed class S3DeliveryTarget : IDeliveryTarget
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _endpoint;

    public S3DeliveryTarget(string location, S3LogSourceOptions options)
    {
        (_bucket, _prefix) = LogSourceFactory.ParseS3(location);
        _client = S3ClientFactory.Create(options);
        _endpoint = S3ClientFactory.Describe(options);
        Description = location;
    }

    public string Description { get; }

    public bool SupportsFolderObjects => true;

    /// <summary>Creates the bucket unless it exists already (for demos and tests; production buckets come from Pulumi).</summary>
    public async Task CreateBucketIfMissingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
        catch (Exception ex) when (ex is AmazonS3Exception or Amazon.Runtime.AmazonClientException or HttpRequestException or TimeoutException)
        {
            throw S3ErrorTranslator.Translate(ex, _bucket, _endpoint);
        }
    }

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        try
        {
            using var body = new MemoryStream(content.ToArray(), writable: false);
            await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = _prefix + key, InputStream = body, AutoCloseStream = false }, cancellationToken);
        }
        catch (Exception ex) when (ex is AmazonS3Exception or Amazon.Runtime.AmazonClientException or HttpRequestException or TimeoutException)
        {
            throw S3ErrorTranslator.Translate(ex, _bucket, _endpoint);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// An S3 bucket (optionally a prefix in it) through AWSSDK.S3: path-style addressing, checksums only when required
/// (radosgw and other S3-compatible servers reject the SDK's streaming trailer checksums), credentials from the
/// options or the standard AWS chain, and retries with backoff for transient failures.
/// </summary>
public sealed class S3LogSource : ILogSource
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _endpoint;
    private readonly RetryPolicy _retry;
    private readonly TimeSpan _readTimeout;
    private readonly ObjectReadAhead _readAhead;
    private readonly PresignedBodyFetcher? _light;
    private readonly SemaphoreSlim _listings;

    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">A key prefix inside the bucket that plays the role of the root ("" for the bucket root).</param>
    /// <param name="options">Endpoint, region, credentials and retry settings.</param>
    public S3LogSource(string bucket, string prefix, S3LogSourceOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        _bucket = bucket;
        _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        _endpoint = S3ClientFactory.Describe(options);
        _retry = new RetryPolicy(options.MaxRetries, options.RetryBaseDelay);
        _readTimeout = options.ReadTimeout > TimeSpan.Zero ? options.ReadTimeout : throw new ArgumentOutOfRangeException(nameof(options), "S3:ReadTimeout must be positive");
        _client = S3ClientFactory.Create(options);
        ConcurrentListings = Math.Max(1, options.ConcurrentListings);
        _listings = new SemaphoreSlim(ConcurrentListings);
        var readAheadObjects = Math.Max(0, options.ReadAheadObjects);
        _light = options.LightReadAhead && readAheadObjects > 0
            ? new PresignedBodyFetcher(_client, _bucket, _endpoint, readAheadObjects, options.RequestTimeout, _readTimeout)
            : null;
        _readAhead = new ObjectReadAhead(FillAheadAsync, readAheadObjects, Math.Max(0, options.ReadAheadBytes));
        Description = $"s3://{bucket}/{_prefix}".TrimEnd('/');
    }

    public string Description { get; }

    public int ConcurrentListings { get; }

    public void ReadAhead(LogObjectInfo item) => _readAhead.Hint(item);

    /// <summary>Bytes the read-ahead holds now (tests).</summary>
    internal long ReadAheadHeldBytes => _readAhead.HeldBytes;

    /// <summary>Bodies the read-ahead's light GET served whole and verified (tests).</summary>
    internal long LightBodiesServed => _light?.Served ?? 0;

    /// <summary>Object Lock evidence for this bucket and prefix (for <c>verify --check-retention</c>), sharing this source's client.</summary>
    public Retention.IRetentionSource CreateRetentionSource() => new Retention.S3RetentionSource(_client, _bucket, _prefix);

    /// <summary>Versions, Object Lock state and digest writes for <c>seal</c> and <c>verify --integrity</c>, sharing this source's client.</summary>
    public Integrity.Store.S3IntegrityStore CreateIntegrityStore() => new(_client, _bucket, _prefix, _endpoint);

    public async IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = _bucket,
            Prefix = _prefix + prefix,
            Delimiter = recursive ? null : "/",
        };
        do
        {
            ListObjectsV2Response page;
            await _listings.WaitAsync(cancellationToken);
            try
            {
                page = await CallAsync(ct => _client.ListObjectsV2Async(request, ct), cancellationToken);
            }
            finally
            {
                _listings.Release();
            }

            foreach (var item in page.S3Objects ?? [])
            {
                yield return LogListEntry.ForObject(new LogObjectInfo(
                    item.Key[_prefix.Length..], item.Size ?? 0, item.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime(), TimeSpan.Zero) : default));
            }

            foreach (var child in page.CommonPrefixes ?? [])
            {
                yield return LogListEntry.ForPrefix(child[_prefix.Length..]);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    public async Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default) =>
        await _readAhead.TryTakeAsync(item, cancellationToken) ?? await OpenDirectAsync(item, cancellationToken);

    /// <summary>
    /// The read-ahead's fetch: the light GET when it is on (any failure of it leaves the object to the reader's own
    /// open through the SDK), else (off, or unusable with this server) the SDK's read of the whole body.
    /// </summary>
    private async Task<bool> FillAheadAsync(LogObjectInfo item, Memory<byte> body, CancellationToken cancellationToken)
    {
        if (_light is { Usable: true })
        {
            return await _light.TryFetchAsync(_prefix + item.Key, item.VersionId, body, cancellationToken);
        }

        await using var stream = await OpenDirectAsync(item, cancellationToken);
        await stream.ReadExactlyAsync(body, cancellationToken);
        // One more byte means the object changed since it was listed: let the reader open it as it is now.
        return await stream.ReadAsync(new byte[1], cancellationToken) == 0;
    }

    private async Task<Stream> OpenDirectAsync(LogObjectInfo item, CancellationToken cancellationToken)
    {
        var key = _prefix + item.Key;
        var first = await OpenAtAsync(key, item.VersionId, 0, cancellationToken);
        return new ResumableReadStream(first, (offset, ct) => OpenAtAsync(key, item.VersionId, offset, ct), _retry, _readTimeout);
    }

    /// <summary>Checks that the bucket exists and the credentials may list it; throws <see cref="LogSourceException"/> if not.</summary>
    public async Task CheckAccessAsync(CancellationToken cancellationToken = default) =>
        await CallAsync(ct => _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix, MaxKeys = 1 }, ct), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _readAhead.DisposeAsync();
        _light?.Dispose();
        _client.Dispose();
        _listings.Dispose();
    }

    private async Task<Stream> OpenAtAsync(string key, string? versionId, long offset, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = key, VersionId = versionId };
        if (offset > 0)
        {
            request.ByteRange = new ByteRange(offset, long.MaxValue - 1);
        }

        var response = await CallAsync(ct => _client.GetObjectAsync(request, ct), cancellationToken);
        return response.ResponseStream;
    }

    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            // Requests are retried by the SDK itself (standard mode: MaxRetries, exponential backoff with jitter);
            // a second loop here would multiply the attempts and make a dead endpoint take minutes to report.
            return await call(cancellationToken);
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw S3ErrorTranslator.Translate(ex, _bucket, _endpoint);
        }
    }
}

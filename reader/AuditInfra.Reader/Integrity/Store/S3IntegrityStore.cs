using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity.Store;

/// <summary>Versions, Object Lock state and digest writes in an S3 bucket, with the log source's client (<see cref="S3LogSource.CreateIntegrityStore"/>).</summary>
public sealed class S3IntegrityStore : IIntegrityStore
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _root;
    private readonly string _endpoint;

    /// <param name="client">A client configured for the bucket's endpoint (owned by the caller).</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="root">The key prefix the source treats as its root ("" or ending with '/').</param>
    /// <param name="endpoint">How the endpoint is named in messages.</param>
    public S3IntegrityStore(IAmazonS3 client, string bucket, string root, string endpoint)
    {
        _client = client;
        _bucket = bucket;
        _root = root;
        _endpoint = endpoint;
    }

    public async IAsyncEnumerable<StoredVersion> ListVersionsAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListVersionsRequest { BucketName = _bucket, Prefix = _root + prefix };
        while (true)
        {
            var page = await CallAsync(ct => _client.ListVersionsAsync(request, ct), cancellationToken);
            foreach (var v in page.Versions ?? [])
            {
                yield return new StoredVersion(
                    v.Key[_root.Length..], v.VersionId, v.Size ?? 0, Unquote(v.ETag), Utc(v.LastModified), v.IsLatest == true, v.IsDeleteMarker == true);
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }
    }

    public async Task<VersionState?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var head = await CallOrNullAsync(ct => _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = _root + key }, ct), cancellationToken);
        if (head is null)
        {
            return null;
        }

        var mode = head.ObjectLockMode?.Value;
        DateTimeOffset? until = head.ObjectLockRetainUntilDate is { } d && d != default ? Utc(d) : null;
        return new VersionState(
            string.IsNullOrEmpty(head.VersionId) ? null : head.VersionId,
            head.ContentLength,
            Unquote(head.ETag),
            Utc(head.LastModified),
            string.IsNullOrEmpty(mode) ? null : mode,
            until);
    }

    public async Task<byte[]?> ReadSmallAsync(string key, int maxBytes, CancellationToken cancellationToken = default)
    {
        using var response = await CallOrNullAsync(ct => _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = _root + key }, ct), cancellationToken);
        if (response is null)
        {
            return null;
        }

        if (response.ContentLength > maxBytes)
        {
            throw new DigestFormatException($"{response.ContentLength} bytes, more than a digest may have ({maxBytes})");
        }

        var content = new byte[response.ContentLength];
        try
        {
            await response.ResponseStream.ReadExactlyAsync(content, cancellationToken);
        }
        catch (Exception ex) when (IsS3Failure(ex, cancellationToken) || ex is EndOfStreamException)
        {
            throw new LogSourceException($"cannot read {key} from bucket {_bucket}: {ex.Message}", "ReadFailed", ex);
        }

        return content;
    }

    public async Task CreateChainAsync(IReadOnlyList<DigestFile> chain, CancellationToken cancellationToken = default)
    {
        // One PUT after the other: a later digest must never exist without its predecessor.
        foreach (var digest in chain)
        {
            await CreateAsync(digest.Key, digest.Content, cancellationToken);
        }
    }

    private async Task CreateAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        // Not atomic against a second sealer racing on the same key (RGW ignores If-None-Match on PUT); one sealer
        // per bucket is the documented rule, and the chain check would show a fork.
        if (await HeadAsync(key, cancellationToken) is not null)
        {
            throw new LogSourceException($"digest {key} exists already in bucket {_bucket}; another seal is running or ran at the same time", "DigestExists");
        }

        using var body = new MemoryStream(content, writable: false);
#pragma warning disable CA5351 // Content-MD5 is S3's transfer check (required with Object Lock on AWS), not a security hash
        var md5 = Convert.ToBase64String(MD5.HashData(content));
#pragma warning restore CA5351
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _root + key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = "application/json",
            MD5Digest = md5,
        };
        await CallAsync(ct => _client.PutObjectAsync(request, ct), cancellationToken);
    }

    /// <summary>A call whose "no such key" answer means there is none (null); any other failure is translated.</summary>
    private async Task<T?> CallOrNullAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await CallAsync(call, cancellationToken);
        }
        catch (LogSourceException ex) when (ex.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound } s3 && s3.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception ex) when (IsS3Failure(ex, cancellationToken))
        {
            throw S3ErrorTranslator.Translate(ex, _bucket, _endpoint);
        }
    }

    private static bool IsS3Failure(Exception ex, CancellationToken cancellationToken) =>
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string? Unquote(string? etag) => etag?.Trim('"');

    private static DateTimeOffset Utc(DateTime? time) => time is { } t
        ? new DateTimeOffset(DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc))
        : default;
}

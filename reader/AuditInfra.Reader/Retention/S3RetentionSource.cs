using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Retention;

/// <summary>Reads Object Lock evidence from an S3 bucket: the default rule and each version's retention.</summary>
public sealed class S3RetentionSource : IRetentionSource
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _root;

    /// <param name="client">A client configured for the bucket's endpoint.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="root">The key prefix the source treats as its root; listed keys are returned relative to it.</param>
    public S3RetentionSource(IAmazonS3 client, string bucket, string root = "")
    {
        _client = client;
        _bucket = bucket;
        _root = root;
    }

    public async Task<RetentionPolicy?> GetDefaultRetentionAsync(CancellationToken cancellationToken = default)
    {
        GetObjectLockConfigurationResponse response;
        try
        {
            response = await _client.GetObjectLockConfigurationAsync(
                new GetObjectLockConfigurationRequest { BucketName = _bucket }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "ObjectLockConfigurationNotFoundError" or "InvalidRequest")
        {
            throw new LogSourceException(
                $"bucket '{_bucket}' does not have Object Lock enabled, so no delivered log is protected from deletion", ex.ErrorCode, ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw new LogSourceException($"cannot read the Object Lock configuration of bucket '{_bucket}': {ex.ErrorCode}: {ex.Message}", ex.ErrorCode, ex);
        }

        var configuration = response.ObjectLockConfiguration;
        if (configuration?.ObjectLockEnabled != ObjectLockEnabled.Enabled)
        {
            throw new LogSourceException($"bucket '{_bucket}' does not have Object Lock enabled, so no delivered log is protected from deletion", "ObjectLockNotEnabled");
        }

        var rule = configuration.Rule?.DefaultRetention;
        return rule?.Mode is null ? null : new RetentionPolicy(rule.Mode.Value, rule.Days, rule.Years);
    }

    /// <remarks>
    /// One HEAD per version, in turn: verify calls this once per delivered object from each of its parallel
    /// workers, so the concurrency comes from there.
    /// </remarks>
    public async IAsyncEnumerable<ObjectVersionRetention> ListVersionRetentionAsync(
        string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var version in ListVersionsAsync(prefix, cancellationToken))
        {
            yield return await HeadAsync(version, cancellationToken);
        }
    }

    private async IAsyncEnumerable<S3ObjectVersion> ListVersionsAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListVersionsRequest { BucketName = _bucket, Prefix = _root + prefix, Delimiter = "/" };
        while (true)
        {
            ListVersionsResponse page;
            try
            {
                page = await _client.ListVersionsAsync(request, cancellationToken);
            }
            catch (AmazonS3Exception ex)
            {
                throw new LogSourceException($"cannot list object versions in bucket '{_bucket}' under '{prefix}': {ex.ErrorCode}: {ex.Message}", ex.ErrorCode, ex);
            }

            foreach (var version in page.Versions ?? [])
            {
                if (version.IsDeleteMarker != true)
                {
                    yield return version;
                }
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }
    }

    private async Task<ObjectVersionRetention> HeadAsync(S3ObjectVersion version, CancellationToken cancellationToken)
    {
        var written = new DateTimeOffset(DateTime.SpecifyKind(version.LastModified ?? DateTime.MinValue, DateTimeKind.Utc));
        try
        {
            var head = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = _bucket, Key = version.Key, VersionId = version.VersionId }, cancellationToken);
            var mode = head.ObjectLockMode?.Value;
            DateTimeOffset? until = head.ObjectLockRetainUntilDate is { } d && d != default
                ? new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)).ToUniversalTime()
                : null;
            return new ObjectVersionRetention(version.Key[_root.Length..], version.VersionId, written, string.IsNullOrEmpty(mode) ? null : mode, until);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Removed between listing and HEAD (a GOVERNANCE bypass delete): nothing protects it any more.
            return new ObjectVersionRetention(version.Key[_root.Length..], version.VersionId, written, null, null);
        }
        catch (AmazonS3Exception ex)
        {
            throw new LogSourceException($"cannot read the retention of '{version.Key}' version {version.VersionId}: {ex.ErrorCode}: {ex.Message}", ex.ErrorCode, ex);
        }
    }
}

using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Resources.ObjectStorage;

namespace AuditInfra.Provider.Resources.ObjectLockBucket;

/// <summary>
/// An S3 bucket with Object Lock and a default retention, the place Akamai delivers audit logs to. Object Lock can
/// only be switched on when a bucket is created, and no Pulumi or Terraform Linode provider offers it, hence this
/// resource. The id is the bucket name.
/// </summary>
[ResourceType(Token, "An Object Storage bucket created with Object Lock and a default retention (COMPLIANCE or GOVERNANCE, in days or years). "
    + "Deleting it fails, deleting nothing, while object versions are still retained.", DeleteBeforeReplace = true)]
public sealed class ObjectLockBucketResource(ObjectStorageClientFactory storage) : ICustomResource<ObjectLockBucketArgs, ObjectLockBucketState>
{
    public const string Token = "auditinfra:index:ObjectLockBucket";

    private AmazonS3Client S3 => storage.Client;

    public IReadOnlyList<CheckFailure> Check(ObjectLockBucketArgs args, Func<string, bool> isKnown)
    {
        var failures = new List<CheckFailure>();
        if (isKnown("bucketName") && args.BucketName is { } name && BucketNameRules.Validate(name) is { } problem)
        {
            failures.Add(new CheckFailure("bucketName", $"\"{name}\" {problem}"));
        }

        if (isKnown("retention") && args.Retention is { } retention)
        {
            failures.AddRange(retention.Validate("retention"));
        }

        return failures;
    }

    public async Task<CreateResult<ObjectLockBucketState>> CreateAsync(
        string name, ObjectLockBucketArgs args, bool preview, IResourceLog log, CancellationToken cancellationToken)
    {
        if (preview)
        {
            return new CreateResult<ObjectLockBucketState>(string.Empty, Expected(args));
        }

        var bucket = args.BucketName;
        var exists = await ExistsAsync(bucket, cancellationToken);
        if (exists)
        {
            throw new ResourceException(
                ResourceErrorKind.AlreadyExists,
                $"bucket \"{bucket}\" already exists: choose another bucketName, or adopt it with `pulumi import {Token} {name} {bucket}`");
        }

        await S3Errors.RunAsync($"create bucket \"{bucket}\"", () =>
            S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectLockEnabledForBucket = true }, cancellationToken));
        try
        {
            await PutRetentionAsync(bucket, args.Retention, cancellationToken);
        }
        catch (ResourceException error)
        {
            // Create is atomic: the empty bucket just made is removed again so nothing is left half-configured.
            try
            {
                await S3.DeleteBucketAsync(bucket, CancellationToken.None);
            }
            catch (AmazonS3Exception cleanup)
            {
                throw new ResourceException(error.Kind, $"{error.Message}; removing the new empty bucket failed too ({cleanup.ErrorCode}): delete it by hand", error.ServiceErrorCode, error);
            }

            throw;
        }

        await log.InfoAsync($"created bucket {bucket} with Object Lock, default retention {args.Retention}", cancellationToken);
        return new CreateResult<ObjectLockBucketState>(bucket, Expected(args));
    }

    public async Task<ReadResult<ObjectLockBucketArgs, ObjectLockBucketState>?> ReadAsync(string id, ObjectLockBucketState? recorded, CancellationToken cancellationToken)
    {
        RequireRecordedEndpoint(id, recorded, "refresh");
        if (!await ExistsAsync(id, cancellationToken))
        {
            return null;
        }

        var (enabled, retention) = await ReadLockAsync(id, cancellationToken);
        var versioning = await S3Errors.RunAsync($"read versioning of bucket \"{id}\"", () =>
            S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = id }, cancellationToken));
        var state = Expected(new ObjectLockBucketArgs { BucketName = id, Retention = retention! }) with
        {
            ObjectLockEnabled = enabled,
            Versioning = versioning.VersioningConfig?.Status?.Value ?? "Off",
            Retention = retention,
        };
        return new ReadResult<ObjectLockBucketArgs, ObjectLockBucketState>(id, new ObjectLockBucketArgs { BucketName = id, Retention = retention! }, state);
    }

    public async Task<ObjectLockBucketState> UpdateAsync(
        string id, ObjectLockBucketArgs olds, ObjectLockBucketArgs news, ObjectLockBucketState? recorded, bool preview, IResourceLog log, CancellationToken cancellationToken)
    {
        RequireRecordedEndpoint(id, recorded, "update");
        if (!preview && olds.Retention != news.Retention)
        {
            await PutRetentionAsync(id, news.Retention, cancellationToken);
            await log.WarningAsync(
                $"default retention of bucket {id} is now {news.Retention}; object versions already stored keep the retention they were written with",
                cancellationToken);
        }

        return Expected(news);
    }

    public async Task DeleteAsync(string id, ObjectLockBucketState? recorded, IResourceLog log, CancellationToken cancellationToken)
    {
        RequireRecordedEndpoint(id, recorded, "delete");
        if (!await ExistsAsync(id, cancellationToken))
        {
            return; // already gone counts as deleted
        }

        var versions = await ListVersionsAsync(id, cancellationToken);
        var locked = new List<(S3ObjectVersion Version, ObjectLockRetention Retention)>();
        var now = DateTime.UtcNow;
        foreach (var version in versions.Where(v => v.IsDeleteMarker != true))
        {
            var retention = await GetRetentionAsync(id, version, cancellationToken);
            if (retention?.RetainUntilDate is { } until && until.ToUniversalTime() > now)
            {
                locked.Add((version, retention));
            }
        }

        if (locked.Count > 0)
        {
            var last = locked.Max(l => l.Retention.RetainUntilDate!.Value.ToUniversalTime());
            var modes = string.Join("/", locked.Select(l => l.Retention.Mode?.Value).Distinct());
            throw new ResourceException(
                ResourceErrorKind.PreconditionFailed,
                $"bucket \"{id}\" still holds {locked.Count} object version(s) retained by Object Lock ({modes}) until {last:yyyy-MM-dd HH:mm:ss} UTC at the latest; " +
                "nothing was deleted. Delete it after that date, or drop it from the stack and keep it with `pulumi state delete <urn>`.");
        }

        // Nothing is retained any more: remove every version and delete marker, then the bucket.
        foreach (var batch in versions.Chunk(1000))
        {
            await S3Errors.RunAsync($"delete {batch.Length} object version(s) in bucket \"{id}\"", () => S3.DeleteObjectsAsync(
                new DeleteObjectsRequest { BucketName = id, Objects = batch.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList() },
                cancellationToken));
        }

        await S3Errors.RunAsync($"delete bucket \"{id}\"", () => S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = id }, cancellationToken));
        await log.InfoAsync($"deleted bucket {id} ({versions.Count} expired object version(s) removed)", cancellationToken);
    }

    /// <summary>
    /// A bucket is looked up only at the endpoint recorded in its state: at any other endpoint "not found" says
    /// nothing about it, and refresh would drop a live audit bucket from the state (the next `up` then creates an
    /// empty one). State without an endpoint (an import, or written before outputs existed) is read where configured.
    /// </summary>
    /// <exception cref="ResourceException">The endpoints differ (PreconditionFailed), naming both.</exception>
    private void RequireRecordedEndpoint(string id, ObjectLockBucketState? recorded, string action)
    {
        if (recorded?.Endpoint is not { Length: > 0 } recordedEndpoint)
        {
            return;
        }

        var configured = storage.Settings.Endpoint;
        if (configured is not null && Uri.TryCreate(recordedEndpoint, UriKind.Absolute, out var recordedUri) &&
            Uri.Compare(recordedUri, configured, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return;
        }

        var now = configured is null ? "no endpoint (auditinfra:s3Endpoint is not set)" : configured.GetLeftPart(UriPartial.Authority);
        throw new ResourceException(
            ResourceErrorKind.PreconditionFailed,
            $"cannot {action} bucket \"{id}\": the state records it at {recordedEndpoint} but the provider is configured for {now}; " +
            $"nothing was changed and the bucket stays in the state. Set auditinfra:s3Endpoint to {recordedEndpoint} for this stack, " +
            "or, if the bucket really moved, `pulumi state delete` it and `pulumi import` it at the new endpoint.");
    }

    /// <summary>The outputs that follow from the inputs and the configuration alone, without asking S3.</summary>
    private ObjectLockBucketState Expected(ObjectLockBucketArgs args)
    {
        var endpoint = storage.Settings.Endpoint;
        return new ObjectLockBucketState
        {
            BucketName = args.BucketName,
            Endpoint = endpoint?.ToString().TrimEnd('/'),
            Hostname = endpoint is null ? null : $"{args.BucketName}.{endpoint.Authority}",
            ObjectLockEnabled = true,
            Versioning = "Enabled",
            Retention = args.Retention,
        };
    }

    private async Task<bool> ExistsAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await S3Errors.RunAsync($"look up bucket \"{bucket}\"", () =>
                S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken));
            return true;
        }
        catch (ResourceException error) when (error.Kind == ResourceErrorKind.NotFound || error.ServiceErrorCode == "NoSuchBucket")
        {
            return false;
        }
    }

    private Task PutRetentionAsync(string bucket, Retention retention, CancellationToken cancellationToken) =>
        S3Errors.RunAsync($"set default retention {retention} on bucket \"{bucket}\"", () => S3.PutObjectLockConfigurationAsync(
            new PutObjectLockConfigurationRequest
            {
                BucketName = bucket,
                ObjectLockConfiguration = new ObjectLockConfiguration
                {
                    ObjectLockEnabled = ObjectLockEnabled.Enabled,
                    Rule = new ObjectLockRule
                    {
                        DefaultRetention = new DefaultRetention
                        {
                            Mode = ObjectLockRetentionMode.FindValue(retention.Mode),
                            Days = retention.Days,
                            Years = retention.Years,
                        },
                    },
                },
            },
            cancellationToken));

    private async Task<(bool Enabled, Retention? Retention)> ReadLockAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var response = await S3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket }, cancellationToken);
            var config = response.ObjectLockConfiguration;
            var rule = config?.Rule?.DefaultRetention;
            var retention = rule?.Mode is null ? null : new Retention { Mode = rule.Mode.Value, Days = rule.Days is > 0 ? rule.Days : null, Years = rule.Years is > 0 ? rule.Years : null };
            return (config?.ObjectLockEnabled == ObjectLockEnabled.Enabled, retention);
        }
        catch (AmazonS3Exception error) when (error.ErrorCode == "ObjectLockConfigurationNotFoundError")
        {
            return (false, null);
        }
        catch (AmazonS3Exception error)
        {
            return await S3Errors.RunAsync<(bool, Retention?)>($"read Object Lock configuration of bucket \"{bucket}\"", () => throw error);
        }
    }

    private async Task<List<S3ObjectVersion>> ListVersionsAsync(string bucket, CancellationToken cancellationToken)
    {
        var versions = new List<S3ObjectVersion>();
        var request = new ListVersionsRequest { BucketName = bucket };
        while (true)
        {
            var page = await S3Errors.RunAsync($"list object versions in bucket \"{bucket}\"", () => S3.ListVersionsAsync(request, cancellationToken));
            versions.AddRange(page.Versions ?? []);
            if (page.IsTruncated != true)
            {
                return versions;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }
    }

    private async Task<ObjectLockRetention?> GetRetentionAsync(string bucket, S3ObjectVersion version, CancellationToken cancellationToken)
    {
        try
        {
            var response = await S3.GetObjectRetentionAsync(
                new GetObjectRetentionRequest { BucketName = bucket, Key = version.Key, VersionId = version.VersionId }, cancellationToken);
            return response.Retention;
        }
        catch (AmazonS3Exception error) when (error.ErrorCode is "NoSuchObjectLockConfiguration" or "ObjectLockConfigurationNotFoundError")
        {
            return null;
        }
        catch (AmazonS3Exception error)
        {
            return await S3Errors.RunAsync<ObjectLockRetention?>($"read retention of \"{version.Key}\" in bucket \"{bucket}\"", () => throw error);
        }
    }
}

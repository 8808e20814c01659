using System.Collections.Immutable;
using System.Globalization;
using AuditInfra.Provider.Components.Linode;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Resources.ObjectLockBucket;

namespace AuditInfra.Provider.Components.AuditLogPipeline;

/// <summary>
/// The whole chain of Linode's audit-log set-up guide: an Object Lock bucket, a key limited to that bucket for the
/// destination, an Object Storage logs destination, the <c>audit_logs</c> stream, and optionally an
/// <c>lke_audit_logs</c> stream, a read-only key for the reader and a separate bucket-limited key for the sealing job.
/// </summary>
[ResourceType(Token, "Audit-log delivery to an Object Lock bucket: the bucket, a bucket-scoped read_write key, an akamai_object_storage logs destination, "
    + "the audit_logs stream, optionally an lke_audit_logs stream for lkeClusterIds, a read_only key for the reader job and a read_write key for the sealing job (auditinfra seal).")]
public sealed class AuditLogPipelineComponent : IComponent<AuditLogPipelineArgs, AuditLogPipelineOutputs>
{
    public const string Token = "auditinfra:index:AuditLogPipeline";

    /// <summary>The sealer key's label ends with this; the policy rule sealer-key-separate recognises the key by it.</summary>
    public const string SealerLabelSuffix = "-logs-sealer";

    public IReadOnlyList<CheckFailure> Validate(AuditLogPipelineArgs args)
    {
        var failures = new List<CheckFailure>();
        if (BucketNameRules.Validate(args.BucketName) is { } problem)
        {
            failures.Add(new CheckFailure("bucketName", $"\"{args.BucketName}\" {problem}"));
        }

        if (string.IsNullOrWhiteSpace(args.Region))
        {
            failures.Add(new CheckFailure("region", "must not be empty"));
        }

        failures.AddRange(args.Retention.Validate("retention"));
        if (args.LkeClusterIds?.Known is ArrayProperty ids)
        {
            for (var i = 0; i < ids.Items.Length; i++)
            {
                if (ids.Items[i] is StringProperty s && !long.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    failures.Add(new CheckFailure($"lkeClusterIds[{i}]", $"must be a numeric cluster id, not \"{s.Value}\""));
                }
            }
        }

        return failures;
    }

    public async Task<AuditLogPipelineOutputs> ConstructAsync(AuditLogPipelineArgs args, IComponentScope scope, CancellationToken cancellationToken)
    {
        var name = scope.Name;
        var bucket = await scope.RegisterAsync(
            ObjectLockBucketResource.Token, $"{name}-bucket", new ObjectLockBucketArgs { BucketName = args.BucketName, Retention = args.Retention }, new ChildOptions(), cancellationToken);
        var bucketName = bucket.Get<string>("bucketName");

        var writerKey = await scope.RegisterAsync(
            LinodePackage.ObjectStorageKey,
            $"{name}-destination-key",
            new ObjectStorageKeyArgs
            {
                Label = $"{args.BucketName}-logs-writer",
                BucketAccesses = [new BucketAccess { BucketName = bucketName, Permissions = BucketAccess.ReadWrite, Region = args.Region }],
            },
            new ChildOptions { AdditionalSecretOutputs = ["secretKey"] },
            cancellationToken);

        var destination = await scope.RegisterAsync(
            LinodePackage.MonitorLogsDestination,
            $"{name}-destination",
            new MonitorLogsDestinationArgs
            {
                Label = $"{args.BucketName}-destination",
                Type = MonitorLogsDestinationArgs.AkamaiObjectStorage,
                AkamaiObjectStorageDetails = new AkamaiObjectStorageDetails
                {
                    AccessKeyId = writerKey.Get<string>("accessKey"),
                    AccessKeySecret = writerKey.Get<string>("secretKey").AsSecret(),
                    BucketName = bucketName,
                    Host = bucket.Get<string>("hostname"),
                    Path = string.IsNullOrEmpty(args.Path) ? null : args.Path,
                },
            },
            new ChildOptions(),
            cancellationToken);
        var destinationIds = new[] { destination.Id.Map<int>(ToInteger) };

        var stream = await scope.RegisterAsync(
            LinodePackage.MonitorLogsStream,
            $"{name}-audit-stream",
            new MonitorLogsStreamArgs { Label = $"{args.BucketName}-audit-logs", Type = MonitorLogsStreamArgs.AuditLogs, Destinations = destinationIds, Status = "active" },
            new ChildOptions(),
            cancellationToken);

        ChildResource? lkeStream = null;
        if (args.LkeClusterIds is { } clusterIds)
        {
            lkeStream = await scope.RegisterAsync(
                LinodePackage.MonitorLogsStream,
                $"{name}-lke-stream",
                new MonitorLogsStreamArgs
                {
                    Label = $"{args.BucketName}-lke-audit-logs",
                    Type = MonitorLogsStreamArgs.LkeAuditLogs,
                    Destinations = destinationIds,
                    Status = "active",
                    Details = new MonitorLogsStreamDetails { ClusterIds = clusterIds.Map<IReadOnlyList<int>>(EachToInteger) },
                },
                new ChildOptions(),
                cancellationToken);
        }

        var readerKey = args.ReaderKey == true
            ? await RegisterBucketKeyAsync(scope, $"{name}-reader-key", $"{args.BucketName}-logs-reader", bucketName, BucketAccess.ReadOnly, args.Region, cancellationToken)
            : null;

        // The sealer writes digests into the bucket, so it needs read_write, but with its own key: a sealer holding the
        // destination's key could forge log objects and the digests that vouch for them alike (docs/integrity.md).
        var sealerKey = args.SealerKey == true
            ? await RegisterBucketKeyAsync(scope, $"{name}-sealer-key", $"{args.BucketName}{SealerLabelSuffix}", bucketName, BucketAccess.ReadWrite, args.Region, cancellationToken)
            : null;

        return new AuditLogPipelineOutputs
        {
            BucketName = bucketName,
            Hostname = bucket.Get<string>("hostname"),
            DestinationId = destination.Id,
            StreamId = stream.Id,
            LkeStreamId = lkeStream?.Id,
            ReaderAccessKey = readerKey?.Get<string>("accessKey").AsSecret(),
            ReaderSecretKey = readerKey?.Get<string>("secretKey").AsSecret(),
            SealerAccessKey = sealerKey?.Get<string>("accessKey").AsSecret(),
            SealerSecretKey = sealerKey?.Get<string>("secretKey").AsSecret(),
        };
    }

    /// <summary>A key limited to the one bucket, its secret kept secret in state.</summary>
    private static Task<ChildResource> RegisterBucketKeyAsync(
        IComponentScope scope, string name, string label, Output<string> bucketName, string permissions, string region, CancellationToken cancellationToken) =>
        scope.RegisterAsync(
            LinodePackage.ObjectStorageKey,
            name,
            new ObjectStorageKeyArgs
            {
                Label = label,
                BucketAccesses = [new BucketAccess { BucketName = bucketName, Permissions = permissions, Region = region }],
            },
            new ChildOptions { AdditionalSecretOutputs = ["secretKey"] },
            cancellationToken);

    /// <summary>Pulumi ids are strings; the stream's destinations and clusterIds are integers.</summary>
    private static PropertyValue ToInteger(PropertyValue id) => id switch
    {
        StringProperty s when long.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => PropertyValue.Of(n),
        NumberProperty n => n,
        _ => throw new ResourceException(ResourceErrorKind.InvalidInput, $"expected a numeric id, got {id}"),
    };

    private static PropertyValue EachToInteger(PropertyValue ids) => ids is ArrayProperty list
        ? new ArrayProperty(list.Items.Select(i => i.Map(ToInteger)).ToImmutableArray())
        : throw new ResourceException(ResourceErrorKind.InvalidInput, "lkeClusterIds must be a list of cluster ids");
}

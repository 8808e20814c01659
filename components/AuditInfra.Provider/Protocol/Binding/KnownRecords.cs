using AuditInfra.Provider.Components.AuditedLkeCluster;
using AuditInfra.Provider.Components.AuditLogPipeline;
using AuditInfra.Provider.Components.Linode;
using AuditInfra.Provider.Resources.ObjectLockBucket;
using AuditInfra.Provider.Resources.ObjectStorage;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>
/// Every Args/State/Outputs record of this provider and every record, list and output type inside them: what the
/// binder, the writer and the schema may meet. A record missing here fails at start-up (<see cref="RecordCatalog.Verify"/>),
/// which every provider test sees, instead of failing in a Native AOT build where its properties were trimmed.
/// </summary>
internal static class KnownRecords
{
    public static RecordCatalog Catalog { get; } = new RecordCatalog()
        .Record<ProviderConfig>()
        .Record<ObjectLockBucketArgs>()
        .Record<ObjectLockBucketState>()
        .Record<Retention>()
        .Record<AuditLogPipelineArgs>()
        .Record<AuditLogPipelineOutputs>()
        .Record<AuditedLkeClusterArgs>()
        .Record<AuditedLkeClusterOutputs>()
        .Record<NodePool>()
        .Record<PoolAutoscaler>()
        .Record<LkeClusterArgs>()
        .Record<LkeControlPlane>()
        .Record<MonitorLogsDestinationArgs>()
        .Record<AkamaiObjectStorageDetails>()
        .Record<MonitorLogsStreamArgs>()
        .Record<MonitorLogsStreamDetails>()
        .Record<ObjectStorageKeyArgs>()
        .Record<BucketAccess>()
        .Output<string>()
        .Output<int>()
        .Output<IReadOnlyList<string>>()
        .Output<IReadOnlyList<int>>()
        .Verify();
}

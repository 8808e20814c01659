namespace AuditInfra.Reader.Records;

/// <summary>The attributes the parser captures from a line (envelope attributes and the configured <c>data</c> paths).</summary>
internal enum RecordField
{
    // CloudEvents 1.0 envelope
    SpecVersion,
    Id,
    Source,
    Type,
    Time,

    // configured paths (RecordFieldPaths)
    EventCode,
    Actor,
    ActorFallback,
    SourceIp,
    UserAgent,
    Outcome,
    EntityId,
    EntityType,

    // Kubernetes audit.k8s.io/v1 Event
    Kind,
    ApiVersion,
    Level,
    AuditId,
    Stage,
    RequestUri,
    Verb,
    User,
    Username,
    ImpersonatedUsername,
    SourceIps,
    K8sUserAgent,
    ObjectResource,
    ObjectNamespace,
    ObjectName,
    ObjectSubresource,
    ResponseCode,
    RequestReceivedTimestamp,
    StageTimestamp,

    Count,
}

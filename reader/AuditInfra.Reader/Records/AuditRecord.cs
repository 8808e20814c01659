using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Records;

/// <summary>
/// One delivered record, reduced to the fields the reader checks and investigators filter on. CloudEvents
/// (config and sign-in files) and Kubernetes audit Events (LKE files) share this shape; fields a kind does not
/// have stay null. Where <c>data</c> fields come from is configuration (<see cref="RecordFieldPaths"/>).
/// </summary>
public sealed class AuditRecord
{
    public required LogCategory Category { get; init; }

    /// <summary>CloudEvents <c>id</c>, or Kubernetes <c>auditID</c>: half of the record's identity (<see cref="RecordIdentity"/>).</summary>
    public required string Id { get; init; }

    /// <summary>CloudEvents <c>time</c>, or Kubernetes <c>stageTimestamp</c> (falling back to <c>requestReceivedTimestamp</c>).</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>CloudEvents <c>type</c>, e.g. <c>com.akamai.audit.login</c>.</summary>
    public string? Type { get; init; }

    /// <summary>CloudEvents <c>source</c>, e.g. <c>/service/object-storage</c>.</summary>
    public string? Source { get; init; }

    /// <summary><c>data.eventcode</c> of a CloudEvent; for Kubernetes events null.</summary>
    public string? EventCode { get; init; }

    /// <summary>
    /// Who acted: the configured actor path (else its fallback, the e-mail); Kubernetes: the impersonated user of an
    /// impersonated request (whose rights it used), else <c>user.username</c>.
    /// </summary>
    public string? Actor { get; init; }

    /// <summary>The e-mail (the configured actor fallback path) wherever the record has one, also beside a user name.</summary>
    public string? Email { get; init; }

    /// <summary>Kubernetes, impersonated requests only: the authenticated <c>user.username</c> that acted as <see cref="Actor"/>.</summary>
    public string? AuthenticatedUser { get; init; }

    /// <summary>Client address: the configured path, or the first of Kubernetes <c>sourceIPs</c>.</summary>
    public string? SourceIp { get; init; }

    public string? UserAgent { get; init; }

    /// <summary><c>success</c> or <c>failure</c> where known (Kubernetes: from <c>responseStatus.code</c>).</summary>
    public string? Outcome { get; init; }

    public string? EntityId { get; init; }

    public string? EntityType { get; init; }

    /// <summary>Kubernetes <c>stage</c> (RequestReceived, ResponseStarted, ResponseComplete, Panic): with <see cref="Id"/>, an Event's identity.</summary>
    public string? Stage { get; init; }

    /// <summary>Kubernetes <c>verb</c> (create, get, delete, …).</summary>
    public string? Verb { get; init; }

    /// <summary>Kubernetes <c>requestURI</c>.</summary>
    public string? RequestUri { get; init; }

    /// <summary>Kubernetes <c>objectRef.resource</c> (pods, secrets, …).</summary>
    public string? Resource { get; init; }

    /// <summary>Kubernetes <c>objectRef.subresource</c> (exec, log, …).</summary>
    public string? Subresource { get; init; }

    /// <summary>Kubernetes <c>objectRef.namespace</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>Kubernetes <c>objectRef.name</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Kubernetes <c>responseStatus.code</c>.</summary>
    public int? ResponseCode { get; init; }
}

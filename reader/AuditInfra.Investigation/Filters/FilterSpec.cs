namespace AuditInfra.Investigation.Filters;

/// <summary>
/// The filters as a user typed them (each list from repeated or comma-separated flags). Nothing is checked here:
/// <see cref="RecordFilter.Compile"/> validates all of it before any reading starts.
/// </summary>
public sealed class FilterSpec
{
    /// <summary>Start of the range: a date (<c>2026-11-01</c>, from its midnight UTC) or an ISO 8601 instant.</summary>
    public string? From { get; init; }

    /// <summary>End of the range: a date (through the end of that day, UTC) or an ISO 8601 instant (exclusive).</summary>
    public string? To { get; init; }

    public IReadOnlyList<string> Codes { get; init; } = [];

    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<string> Services { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyList<string> Actors { get; init; } = [];

    public IReadOnlyList<string> Ips { get; init; } = [];

    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public IReadOnlyList<string> Streams { get; init; } = [];

    /// <summary>Account euuids (the account folder of the object key); case-insensitive.</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>Kubernetes <c>verb</c>s (get, create, delete, …); wildcards allowed.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = [];

    /// <summary>Kubernetes <c>objectRef.resource</c>s (pods, secrets, …); wildcards allowed.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Kubernetes <c>objectRef.subresource</c>s (exec, log, …); wildcards allowed.</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];

    /// <summary>Kubernetes <c>objectRef.namespace</c>s; wildcards allowed.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Kubernetes <c>objectRef.name</c>s; wildcards allowed.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Free text searched in actor, e-mail, IP, entity, Kubernetes <c>namespace/name</c> and id.</summary>
    public string? Text { get; init; }
}

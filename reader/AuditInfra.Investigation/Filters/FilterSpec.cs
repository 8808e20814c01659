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

    /// <summary>Free text searched in actor, IP, entity and id.</summary>
    public string? Text { get; init; }
}

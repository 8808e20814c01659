namespace AuditInfra.Investigation.Options;

/// <summary>
/// The values actually present in a range, per filter dimension, most frequent first: what a user (or a UI) can
/// pick for <c>--code</c>, <c>--service</c>, <c>--actor</c>, …
/// </summary>
public sealed record FilterOptionsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    long Records,
    IReadOnlyList<ValueCount> Codes,
    IReadOnlyList<ValueCount> Actions,
    IReadOnlyList<ValueCount> Services,
    IReadOnlyList<ValueCount> Groups,
    IReadOnlyList<ValueCount> Actors,
    IReadOnlyList<ValueCount> Ips,
    IReadOnlyList<ValueCount> Outcomes,
    IReadOnlyList<ValueCount> Streams);

namespace AuditInfra.Investigation.Options;

/// <summary>
/// The values actually present in a range, per filter dimension, most frequent first: what a user (or a UI) can
/// pick for <c>--code</c>, <c>--service</c>, <c>--actor</c>, … Counts are of records, except that a Kubernetes
/// request counts once however many stage Events it logged (<see cref="KubernetesEvents"/> Events made
/// <see cref="KubernetesRequests"/> requests).
/// </summary>
/// <param name="Records">Every matching record, Kubernetes stage Events each counted.</param>
/// <param name="Values">By <see cref="FilterOptionsCollector.Dimension"/>.</param>
public sealed record FilterOptionsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    long Records,
    long KubernetesEvents,
    long KubernetesRequests,
    IReadOnlyList<IReadOnlyList<ValueCount>> Values)
{
    public IReadOnlyList<ValueCount> Of(FilterOptionsCollector.Dimension dimension) => Values[(int)dimension];
}

using System.Collections.Concurrent;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>
/// <c>missing_day</c>: a day in the range with no delivered object, per stream, account and LKE cluster found.
/// An empty delivery object counts as delivered. A source with no delivery at all misses every day.
/// </summary>
public sealed class MissingDayCheck : IObjectCheck, ICompletionCheck
{
    private readonly ConcurrentDictionary<(DeliveryPartition Partition, DateOnly Day), byte> _delivered = new();

    public ValueTask CheckAsync(DeliveryObject item, ILogSource source, FindingCollector findings, CancellationToken cancellationToken)
    {
        if (item.Key is { Kind: KeyKind.Delivery, Partition: { } partition, Day: { } day })
        {
            _delivered.TryAdd((partition, day), 0);
        }

        return ValueTask.CompletedTask;
    }

    public void Complete(DateOnly from, DateOnly to, IReadOnlyList<DeliveryPartition> partitions, FindingCollector findings)
    {
        if (partitions.Count == 0)
        {
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                findings.Add(new Finding(FindingKind.MissingDay, string.Empty, null, $"nothing delivered on {day:yyyy-MM-dd}: no audit_logs or lke_audit_logs stream under the source"));
            }

            return;
        }

        foreach (var partition in partitions)
        {
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                if (!_delivered.ContainsKey((partition, day)))
                {
                    var where = partition.Account.Length == 0 ? $"destination path {partition.Prefix}"
                        : partition.Cluster is null ? $"account {partition.Account}" : $"account {partition.Account}, cluster {partition.Cluster}";
                    var folder = partition.Account.Length == 0 ? partition.Prefix : partition.Prefix + DeliveryLayout.DayFolder(day);
                    findings.Add(new Finding(FindingKind.MissingDay, folder, null, $"no {StreamTypes.Name(partition.Stream)} object for {day:yyyy-MM-dd} ({where})"));
                }
            }
        }
    }
}

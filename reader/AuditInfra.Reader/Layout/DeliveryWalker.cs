using System.Globalization;
using System.Runtime.CompilerServices;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Layout;

/// <summary>
/// Lists a delivery for a date range without listing the bucket whole: it descends stream type → log type →
/// account (→ LKE cluster) one level at a time and opens only the year, month and day folders inside the range.
/// Every object it meets is returned with its parsed key (deliveries, probes, and keys matching no pattern);
/// folders that belong to no pattern are listed recursively so their objects surface as unexpected.
/// After enumeration, <see cref="Partitions"/> holds every stream/account/cluster found, for missing-day checks.
/// </summary>
public sealed class DeliveryWalker
{
    private readonly ILogSource _source;
    private readonly DeliveryLayout _layout;
    private readonly List<DeliveryPartition> _partitions = [];

    public DeliveryWalker(ILogSource source, DeliveryLayout layout)
    {
        _source = source;
        _layout = layout;
    }

    /// <summary>The partitions found by the last walk (default layout: from folders, even those with no object in range).</summary>
    public IReadOnlyList<DeliveryPartition> Partitions => _partitions;

    public async IAsyncEnumerable<DeliveryObject> WalkAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            throw new ArgumentException($"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})", nameof(to));
        }

        _partitions.Clear();
        var walk = _layout.CustomPath is null ? WalkDefaultAsync(from, to, cancellationToken) : WalkCustomAsync(from, to, cancellationToken);
        await foreach (var item in walk)
        {
            yield return item;
        }
    }

    private async IAsyncEnumerable<DeliveryObject> WalkDefaultAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in _source.ListAsync(string.Empty, recursive: false, ct))
        {
            if (entry.Object is { } item)
            {
                yield return Classify(item);
            }
            else if (entry.Prefix == DeliveryLayout.DigestFolder)
            {
                // AuditInfra's own signed digests (verify --integrity reads them); not a delivery.
            }
            else if (StreamTypes.Parse(entry.Prefix!.TrimEnd('/')) is { } stream)
            {
                await foreach (var found in WalkStreamAsync(entry.Prefix!, stream, from, to, ct))
                {
                    yield return found;
                }
            }
            else
            {
                await foreach (var stray in StrayAsync(entry.Prefix!, ct))
                {
                    yield return stray;
                }
            }
        }
    }

    private async IAsyncEnumerable<DeliveryObject> WalkStreamAsync(string streamPrefix, StreamType stream, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in _source.ListAsync(streamPrefix, recursive: false, ct))
        {
            if (entry.Object is { } item)
            {
                yield return Classify(item);
                continue;
            }

            if (entry.Prefix != streamPrefix + StreamTypes.LogType + "/")
            {
                await foreach (var stray in StrayAsync(entry.Prefix!, ct))
                {
                    yield return stray;
                }

                continue;
            }

            await foreach (var account in _source.ListAsync(entry.Prefix, recursive: false, ct))
            {
                if (account.Object is { } loose)
                {
                    yield return Classify(loose);
                    continue;
                }

                var accountName = Segment(account.Prefix!);
                var series = stream == StreamType.LkeAuditLogs
                    ? WalkClustersAsync(account.Prefix!, accountName, from, to, ct)
                    : WalkDaysAsync(account.Prefix!, new DeliveryPartition(stream, accountName, null) { Prefix = account.Prefix! }, from, to, ct);
                await foreach (var found in series)
                {
                    yield return found;
                }
            }
        }
    }

    private async IAsyncEnumerable<DeliveryObject> WalkClustersAsync(string accountPrefix, string account, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in _source.ListAsync(accountPrefix, recursive: false, ct))
        {
            if (entry.Object is { } item)
            {
                yield return Classify(item);
                continue;
            }

            var cluster = Segment(entry.Prefix!);
            var inner = DeliveryLayout.IsClusterPartition(cluster)
                ? WalkDaysAsync(entry.Prefix!, new DeliveryPartition(StreamType.LkeAuditLogs, account, cluster) { Prefix = entry.Prefix! }, from, to, ct)
                : StrayAsync(entry.Prefix!, ct);
            await foreach (var found in inner)
            {
                yield return found;
            }
        }
    }

    private async IAsyncEnumerable<DeliveryObject> WalkDaysAsync(string basePrefix, DeliveryPartition partition, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        _partitions.Add(partition);
        await foreach (var year in _source.ListAsync(basePrefix, recursive: false, ct))
        {
            if (year.Object is { } item)
            {
                yield return Classify(item);
                continue;
            }

            if (!TryNumber(Segment(year.Prefix!), 4, 1, 9999, out var y))
            {
                await foreach (var stray in StrayAsync(year.Prefix!, ct))
                {
                    yield return stray;
                }

                continue;
            }

            if (y < from.Year || y > to.Year)
            {
                continue;
            }

            await foreach (var month in _source.ListAsync(year.Prefix!, recursive: false, ct))
            {
                if (month.Object is { } loose)
                {
                    yield return Classify(loose);
                    continue;
                }

                if (!TryNumber(Segment(month.Prefix!), 2, 1, 12, out var m))
                {
                    await foreach (var stray in StrayAsync(month.Prefix!, ct))
                    {
                        yield return stray;
                    }

                    continue;
                }

                var first = new DateOnly(y, m, 1);
                if (first > to || first.AddMonths(1) <= from)
                {
                    continue;
                }

                await foreach (var day in _source.ListAsync(month.Prefix!, recursive: false, ct))
                {
                    if (day.Object is { } looseInMonth)
                    {
                        yield return Classify(looseInMonth);
                        continue;
                    }

                    if (!TryNumber(Segment(day.Prefix!), 2, 1, DateTime.DaysInMonth(y, m), out var d))
                    {
                        await foreach (var stray in StrayAsync(day.Prefix!, ct))
                        {
                            yield return stray;
                        }

                        continue;
                    }

                    var date = new DateOnly(y, m, d);
                    if (date < from || date > to)
                    {
                        continue;
                    }

                    // Objects in the day folder, and anything in sub-folders of it (which no pattern allows).
                    await foreach (var obj in _source.ListAsync(day.Prefix!, recursive: true, ct))
                    {
                        yield return Classify(obj.Object!);
                    }
                }
            }
        }
    }

    private async IAsyncEnumerable<DeliveryObject> WalkCustomAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        // A custom path puts every file in one folder, so the whole path is listed; days are filtered by the key.
        var seen = new HashSet<StreamType>();
        await foreach (var entry in _source.ListAsync(_layout.CustomPath!, recursive: true, ct))
        {
            var item = Classify(entry.Object!);
            if (item.Key.Kind == KeyKind.Delivery)
            {
                if (item.Key.Day < from || item.Key.Day > to)
                {
                    continue;
                }

                if (seen.Add(item.Key.Partition!.Stream))
                {
                    _partitions.Add(item.Key.Partition);
                }
            }

            yield return item;
        }
    }

    private async IAsyncEnumerable<DeliveryObject> StrayAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in _source.ListAsync(prefix, recursive: true, ct))
        {
            yield return Classify(entry.Object!);
        }
    }

    // An entry the source will not open (a FIFO, a link out of the folder) is unexpected whatever its name.
    private DeliveryObject Classify(LogObjectInfo item) =>
        new(item, item.Irregular is { } why ? DeliveryKey.Unexpected(item.Key, why) : _layout.Parse(item.Key, item.Size));

    private static string Segment(string prefix)
    {
        var trimmed = prefix.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    private static bool TryNumber(string text, int digits, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && text.Length == digits && value >= min && value <= max;
}

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
    private readonly int _ahead;
    private ListingPrefetch? _prefetch;

    /// <summary>
    /// Days at the start of a partition's range whose folders are listed before the year and month folders above them
    /// answer. Only the first ones: the later days are listed ahead by <see cref="ListingAhead"/> once the month is
    /// read, and every listing started here takes one of the source's few listing slots from the partitions beside
    /// it (16 days: first GET ~0.55 s after the first listing at 80 ms; 2 days: ~0.4 s; strace of scripts/bench-s3.sh's corpus).
    /// </summary>
    internal const int DaysPrefetched = 2;

    public DeliveryWalker(ILogSource source, DeliveryLayout layout)
    {
        _source = source;
        _layout = layout;
        _ahead = Math.Max(1, source.ConcurrentListings);
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
        // Prefetching pays where a listing costs a round trip (S3: several listings at once); a folder lists at once.
        _prefetch = _layout.CustomPath is null && _ahead > 1 ? new ListingPrefetch(_source, cancellationToken) : null;
        try
        {
            var walk = _layout.CustomPath is null ? WalkDefaultAsync(from, to, cancellationToken) : WalkCustomAsync(from, to, cancellationToken);
            await foreach (var item in walk)
            {
                yield return item;
            }
        }
        finally
        {
            if (_prefetch is { } prefetch)
            {
                _prefetch = null;
                await prefetch.DisposeAsync();
            }
        }

        // Partitions are found by listings that run side by side; S3 lists keys in binary order, so sorting the
        // prefixes restores the order of a walk one folder after another.
        if (_layout.CustomPath is null)
        {
            lock (_partitions)
            {
                _partitions.Sort(static (a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));
            }
        }
    }

    // Each level is a sequence of parts (a loose object, a stray folder, a child folder's walk) concatenated in order
    // while the next parts already list (ListingAhead): the order is that of a walk one folder after another.
    private IAsyncEnumerable<DeliveryObject> Ahead(IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<DeliveryObject>>> parts, CancellationToken ct) =>
        ListingAhead.ConcatAsync(parts, _ahead, ct);

    private IAsyncEnumerable<DeliveryObject> WalkDefaultAsync(DateOnly from, DateOnly to, CancellationToken ct) => Ahead(TopPartsAsync(from, to, ct), ct);

    private async IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<DeliveryObject>>> TopPartsAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var stream in (ReadOnlySpan<string>)[StreamTypes.AuditLogs, StreamTypes.LkeAuditLogs])
        {
            _prefetch?.Start(stream + "/", recursive: false);
            _prefetch?.Start($"{stream}/{StreamTypes.LogType}/", recursive: false);
        }

        await foreach (var entry in List(string.Empty, recursive: false, ct))
        {
            if (entry.Object is { } item)
            {
                yield return ListingAhead.One(Classify(item));
            }
            else if (entry.Prefix == DeliveryLayout.DigestFolder)
            {
                // AuditInfra's own signed digests (verify --integrity reads them); not a delivery.
            }
            else if (StreamTypes.Parse(entry.Prefix!.TrimEnd('/')) is { } stream)
            {
                yield return c => WalkStreamAsync(entry.Prefix!, stream, from, to, c);
            }
            else
            {
                yield return c => StrayAsync(entry.Prefix!, c);
            }
        }
    }

    private IAsyncEnumerable<DeliveryObject> WalkStreamAsync(string streamPrefix, StreamType stream, DateOnly from, DateOnly to, CancellationToken ct) =>
        Ahead(StreamPartsAsync(streamPrefix, stream, from, to, ct), ct);

    private async IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<DeliveryObject>>> StreamPartsAsync(
        string streamPrefix, StreamType stream, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in List(streamPrefix, recursive: false, ct))
        {
            if (entry.Object is { } item)
            {
                yield return ListingAhead.One(Classify(item));
                continue;
            }

            if (entry.Prefix != streamPrefix + StreamTypes.LogType + "/")
            {
                yield return c => StrayAsync(entry.Prefix!, c);
                continue;
            }

            await foreach (var account in List(entry.Prefix, recursive: false, ct))
            {
                if (account.Object is { } loose)
                {
                    yield return ListingAhead.One(Classify(loose));
                    continue;
                }

                var accountName = Segment(account.Prefix!);
                yield return stream == StreamType.LkeAuditLogs
                    ? c => Ahead(ClusterPartsAsync(account.Prefix!, accountName, from, to, c), c)
                    : c => WalkDaysAsync(account.Prefix!, new DeliveryPartition(stream, accountName, null) { Prefix = account.Prefix! }, from, to, c);
            }
        }
    }

    private async IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<DeliveryObject>>> ClusterPartsAsync(
        string accountPrefix, string account, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in List(accountPrefix, recursive: false, ct))
        {
            if (entry.Object is { } item)
            {
                yield return ListingAhead.One(Classify(item));
                continue;
            }

            var cluster = Segment(entry.Prefix!);
            yield return DeliveryLayout.IsClusterPartition(cluster)
                ? c => WalkDaysAsync(entry.Prefix!, new DeliveryPartition(StreamType.LkeAuditLogs, account, cluster) { Prefix = entry.Prefix! }, from, to, c)
                : c => StrayAsync(entry.Prefix!, c);
        }
    }

    private IAsyncEnumerable<DeliveryObject> WalkDaysAsync(string basePrefix, DeliveryPartition partition, DateOnly from, DateOnly to, CancellationToken ct)
    {
        lock (_partitions)
        {
            _partitions.Add(partition);
        }

        if (_prefetch is { } prefetch)
        {
            // The listings a walk of the first days makes, started at once instead of each after the one above it.
            prefetch.Start(basePrefix, recursive: false);
            for (var day = from; day <= to && day < from.AddDays(DaysPrefetched); day = day.AddDays(1))
            {
                var dayFolder = DeliveryLayout.DayFolder(day);
                prefetch.Start(basePrefix + dayFolder[..5], recursive: false);
                prefetch.Start(basePrefix + dayFolder[..8], recursive: false);
                prefetch.Start(basePrefix + dayFolder, recursive: true);
            }
        }

        return Ahead(YearPartsAsync(basePrefix, from, to, ct), ct);
    }

    private async IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<DeliveryObject>>> YearPartsAsync(
        string basePrefix, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var year in List(basePrefix, recursive: false, ct))
        {
            if (year.Object is { } item)
            {
                yield return ListingAhead.One(Classify(item));
                continue;
            }

            if (!TryNumber(Segment(year.Prefix!), 4, 1, 9999, out var y))
            {
                yield return c => StrayAsync(year.Prefix!, c);
                continue;
            }

            if (y >= from.Year && y <= to.Year)
            {
                yield return c => Ahead(MonthPartsAsync(year.Prefix!, y, from, to, c), c);
            }
        }
    }

    private async IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<DeliveryObject>>> MonthPartsAsync(
        string yearPrefix, int y, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var month in List(yearPrefix, recursive: false, ct))
        {
            if (month.Object is { } loose)
            {
                yield return ListingAhead.One(Classify(loose));
                continue;
            }

            if (!TryNumber(Segment(month.Prefix!), 2, 1, 12, out var m))
            {
                yield return c => StrayAsync(month.Prefix!, c);
                continue;
            }

            var first = new DateOnly(y, m, 1);
            if (first <= to && first.AddMonths(1) > from)
            {
                yield return c => Ahead(DayPartsAsync(month.Prefix!, y, m, from, to, c), c);
            }
        }
    }

    private async IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<DeliveryObject>>> DayPartsAsync(
        string monthPrefix, int y, int m, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var day in List(monthPrefix, recursive: false, ct))
        {
            if (day.Object is { } looseInMonth)
            {
                yield return ListingAhead.One(Classify(looseInMonth));
                continue;
            }

            if (!TryNumber(Segment(day.Prefix!), 2, 1, DateTime.DaysInMonth(y, m), out var d))
            {
                yield return c => StrayAsync(day.Prefix!, c);
                continue;
            }

            var date = new DateOnly(y, m, d);
            if (date >= from && date <= to)
            {
                // Objects in the day folder, and anything in sub-folders of it (which no pattern allows).
                yield return c => StrayAsync(day.Prefix!, c);
            }
        }
    }

    private async IAsyncEnumerable<DeliveryObject> WalkCustomAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct)
    {
        // A custom path puts every file in one folder, so the whole path is listed; days are filtered by the key.
        var seen = new HashSet<StreamType>();
        await foreach (var entry in List(_layout.CustomPath!, recursive: true, ct))
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
        await foreach (var entry in List(prefix, recursive: true, ct))
        {
            yield return Classify(entry.Object!);
        }
    }

    private IAsyncEnumerable<LogListEntry> List(string prefix, bool recursive, CancellationToken ct) =>
        _prefetch is { } prefetch ? prefetch.ListAsync(prefix, recursive, ct) : _source.ListAsync(prefix, recursive, ct);

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

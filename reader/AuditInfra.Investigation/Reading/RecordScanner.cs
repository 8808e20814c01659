using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Investigation.Reading;

/// <summary>
/// The shared front of query, export, filter-options, detect and sync: the reader's walker, decoder and parser
/// (source → gzip lines → record), run over several objects at once and handed on object by object in
/// (day, key) order. A predicate, run on the workers, decides which records are kept, so only those cost memory.
/// </summary>
public sealed class RecordScanner
{
    private readonly ILogSource _source;
    private readonly DeliveryReader _reader;
    private readonly ScanOptions _options;
    private readonly ConcurrentBag<ObjectScanner> _scanners = [];
    // Per-worker lists the records of one object are gathered in, then copied out at their exact size: a list grown
    // from empty for every object was most of what detect allocated.
    private readonly ConcurrentBag<object> _scratch = [];
    private const int MaxPooledScratch = 16 * 1024;

    public RecordScanner(ILogSource source, ScanOptions? options = null)
    {
        _source = source;
        _options = options ?? new ScanOptions();
        _reader = new DeliveryReader(source, _options.Reader);
        Coverage = new FieldCoverage(_options.Reader.Fields);
    }

    /// <summary>Which configured fields the records read so far carried, per stream (for the shape warnings).</summary>
    public FieldCoverage Coverage { get; }

    public ILogSource Source => _source;

    /// <summary>How this scanner reads (layout, parsing, parallelism).</summary>
    public ScanOptions Options => _options;

    /// <summary>
    /// The day folders to list for a time range: its own days and, as far as the partition tolerance reaches, the
    /// neighbouring ones (<see cref="DayFolders.For"/>). The caller keeps only records whose time is in the range.
    /// </summary>
    public (DateOnly First, DateOnly Last) DaysFor(Filters.TimeRange range) => DayFolders.For(range.Start, range.End, _options.Reader.PartitionTolerance);

    /// <summary>The instant before which every record has been handed on once objects of <paramref name="nextDay"/> begin.</summary>
    public DateTimeOffset SettledBefore(DateOnly nextDay) => DayFolders.SettledBefore(nextDay, _options.Reader.PartitionTolerance);

    /// <summary>
    /// The delivery objects of the given streams in a day range, sorted by (day, key), listed a chunk of days at a
    /// time. The next chunk is listed while the current one is handed on, so readers never wait on a listing, and
    /// the first chunk is a single day, so reading starts after one day's listing.
    /// </summary>
    /// <param name="descending">Newest day (and key) first: a newest-first query fills its page from the end.</param>
    /// <param name="accounts">Only objects filed under these account folders (case-insensitive); null for all.</param>
    public async IAsyncEnumerable<DeliveryObject> ListAsync(
        DateOnly first, DateOnly last, IReadOnlySet<LogCategory> streams, bool descending = false, IReadOnlySet<string>? accounts = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunks = Chunks(first, last, descending);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // On a worker: a folder source lists synchronously, and this thread must go back to handing on objects.
        Task<List<DeliveryObject>>? Start(int i) =>
            i < chunks.Count ? Task.Run(() => ListChunkAsync(chunks[i], streams, accounts, descending, stop.Token), stop.Token) : null;
        var next = Start(0);
        try
        {
            for (var i = 0; next is not null; i++)
            {
                var chunk = await next;
                next = Start(i + 1);
                foreach (var item in chunk)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // A caller that stops early (a full page) must not dispose the source under a listing still running.
                await stop.CancelAsync();
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The chunks in reading order: the first day to be read alone, then <see cref="ScanOptions.ChunkDays"/> at a time.</summary>
    private List<(DateOnly Start, DateOnly End)> Chunks(DateOnly first, DateOnly last, bool descending)
    {
        var chunks = new List<(DateOnly Start, DateOnly End)>();
        var step = descending ? -1 : 1;
        var stop = descending ? first : last;
        for (var start = descending ? last : first; descending ? start >= stop : start <= stop;)
        {
            var length = chunks.Count == 0 ? 1 : _options.ChunkDays;
            var end = start.AddDays(step * (length - 1));
            end = descending ? (end < stop ? stop : end) : (end > stop ? stop : end);
            chunks.Add(descending ? (end, start) : (start, end));
            if (end == stop)
            {
                break;
            }

            start = end.AddDays(step);
        }

        return chunks;
    }

    private async Task<List<DeliveryObject>> ListChunkAsync(
        (DateOnly Start, DateOnly End) days, IReadOnlySet<LogCategory> streams, IReadOnlySet<string>? accounts, bool descending, CancellationToken cancellationToken)
    {
        var chunk = new List<DeliveryObject>();
        await foreach (var item in _reader.ListObjectsAsync(days.Start, days.End, cancellationToken))
        {
            if (item.Key.Category is { } category && streams.Contains(category) &&
                (accounts is null || (item.Key.Partition?.Account is { Length: > 0 } account && accounts.Contains(account))))
            {
                chunk.Add(item);
            }
        }

        chunk.Sort((a, b) =>
        {
            var byDay = Nullable.Compare(a.Key.Day, b.Key.Day);
            var order = byDay != 0 ? byDay : string.CompareOrdinal(a.Key.Key, b.Key.Key);
            return descending ? -order : order;
        });
        return chunk;
    }

    /// <summary>
    /// Reads the objects of a day range (see <see cref="ListAsync"/>) and keeps the records that pass
    /// <paramref name="prefilter"/> (undecoded) and then <paramref name="keep"/> (decoded).
    /// </summary>
    public IAsyncEnumerable<ObjectRecords<LocatedRecord>> ScanAsync(
        DateOnly first, DateOnly last, IReadOnlySet<LogCategory> streams, Func<AuditRecord, bool> keep, RecordPrefilter? prefilter = null,
        bool descending = false, IReadOnlySet<string>? accounts = null, CancellationToken cancellationToken = default) =>
        ReadAsync(ListAsync(first, last, streams, descending, accounts, cancellationToken), keep, keepRaw: false, prefilter, cancellationToken);

    /// <summary>
    /// Reads the objects of a day range (see <see cref="ListAsync"/>) and keeps what <paramref name="select"/> makes of
    /// each record, on the reading workers and before anything is decoded: a caller that needs a few fields of a few
    /// records (detect) pays for nothing else.
    /// </summary>
    public IAsyncEnumerable<ObjectRecords<T>> SelectAsync<T>(
        DateOnly first, DateOnly last, IReadOnlySet<LogCategory> streams, RecordSelector<T> select, IReadOnlySet<string>? accounts = null,
        CancellationToken cancellationToken = default) =>
        ReadCoreAsync(ListAsync(first, last, streams, descending: false, accounts, cancellationToken), select, SelectedAheadPerWorker, keepRaw: false, cancellationToken);

    /// <summary>
    /// Reads the given objects, several at a time, and yields their kept records in the order the objects came.
    /// With <paramref name="keepRaw"/> each kept record carries its delivered line, and each skipped line kept as a
    /// problem its bytes (at most <see cref="ObjectRecords.MaxProblemsPerPart"/> per part), for sync's quarantine.
    /// </summary>
    public IAsyncEnumerable<ObjectRecords<LocatedRecord>> ReadAsync(
        IAsyncEnumerable<DeliveryObject> objects, Func<AuditRecord, bool> keep, bool keepRaw, RecordPrefilter? prefilter = null,
        CancellationToken cancellationToken = default) =>
        ReadCoreAsync(objects, Locating(keep, keepRaw, prefilter), LocatedAheadPerWorker, keepRaw, cancellationToken);

    // Objects each worker may read ahead of the one being handed on. Whole decoded records are most of a scan's
    // memory (16 ahead took export's peak RSS on the benchmark corpus from 107 to 164 MiB), so those scans keep few
    // ahead. A selector keeps a few fields of a few records, so a selecting scan (detect) keeps more, and a
    // consumer busy with a burst of work (settling a day's windows) does not idle the reading cores.
    private const int LocatedAheadPerWorker = 4;
    private const int SelectedAheadPerWorker = 16;

    private static RecordSelector<LocatedRecord> Locating(Func<AuditRecord, bool> keep, bool keepRaw, RecordPrefilter? prefilter) =>
        (in ParsedRecord record, DeliveryObject item, long line, out LocatedRecord located) =>
        {
            located = null!;
            if (prefilter is not null && !prefilter(record))
            {
                return false;
            }

            var parsed = record.ToAuditRecord();
            if (!keep(parsed))
            {
                return false;
            }

            located = new LocatedRecord(parsed, item.Key.Key, line, keepRaw ? record.Line.ToArray() : null) { Account = AccountOf(item) };
            return true;
        };

    /// <summary>The account folder of an object's key; null under a destination's custom path, which has none.</summary>
    public static string? AccountOf(DeliveryObject item) => item.Key.Partition?.Account is { Length: > 0 } account ? account : null;

    private async IAsyncEnumerable<ObjectRecords<T>> ReadCoreAsync<T>(
        IAsyncEnumerable<DeliveryObject> objects, RecordSelector<T> select, int aheadPerWorker, bool keepRaw, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Readings go into the channel in object order and are drained in that order: reading runs ahead in
        // parallel, handing on stays ordered, and the bound keeps at most that many objects in flight. Several
        // objects per worker are allowed ahead, so a slow object at the head does not idle the other cores. Each
        // object hands its records on in parts through a channel of one part, so an object ahead holds at most two
        // parts however many records it has.
        var inFlight = Channel.CreateBounded<ObjectReading<T>>(new BoundedChannelOptions(_options.Parallelism * aheadPerWorker)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in objects.WithCancellation(stop.Token))
                {
                    var parts = Channel.CreateBounded<ObjectRecords<T>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
                    var reading = new ObjectReading<T>(parts.Reader, Task.Run(() => ReadObjectAsync(item, select, parts.Writer, keepRaw, stop.Token), stop.Token));
                    await inFlight.Writer.WriteAsync(reading, stop.Token);
                }

                inFlight.Writer.Complete();
            }
            catch (Exception ex)
            {
                inFlight.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        ObjectReading<T>? current = null;
        try
        {
            await foreach (var reading in inFlight.Reader.ReadAllAsync(cancellationToken))
            {
                current = reading;
                await foreach (var part in reading.Parts.ReadAllAsync(cancellationToken))
                {
                    yield return part;
                }

                // The parts end when the reading ends; its failure (not damage: that is a part) ends the scan.
                await reading.Task;
                current = null;
            }

            await producer;
        }
        finally
        {
            await stop.CancelAsync();
            // Let the running reads see the cancellation before the source is disposed by the caller.
            await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (current is not null)
            {
                await current.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            while (inFlight.Reader.TryRead(out var pending))
            {
                await pending.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    private async Task ReadObjectAsync<T>(DeliveryObject item, RecordSelector<T> select, ChannelWriter<ObjectRecords<T>> parts, bool keepRaw, CancellationToken cancellationToken)
    {
        if (!_scanners.TryTake(out var scanner))
        {
            scanner = new ObjectScanner(_options.Reader, Coverage);
        }

        var kept = _scratch.TryTake(out var pooled) && pooled is List<T> list ? list : [];
        try
        {
            var visitor = new SelectingVisitor<T>(item, select, kept, parts, keepRaw);
            var result = await scanner.ScanAsync(_source, item, visitor, cancellationToken);
            if (result.Damage is { } damage)
            {
                visitor.Damaged(new DeliveryProblem(item, null, damage.Message));
            }

            await parts.WriteAsync(visitor.TakePart(result.StoredBytes, result.UncompressedBytes, complete: true), cancellationToken);
        }
        finally
        {
            parts.TryComplete();
            _scanners.Add(scanner);
            kept.Clear();
            if (kept.Capacity <= MaxPooledScratch)
            {
                _scratch.Add(kept);
            }
        }
    }

    /// <summary>One object being read: its parts as they come, and the read itself (which fails only on a real failure).</summary>
    private sealed record ObjectReading<T>(ChannelReader<ObjectRecords<T>> Parts, Task Task);

    private sealed class SelectingVisitor<T>(DeliveryObject item, RecordSelector<T> select, List<T> kept, ChannelWriter<ObjectRecords<T>> parts, bool keepRaw) : IRecordVisitor
    {
        private List<DeliveryProblem> _problems = [];
        private long _count;
        private long _malformed;

        public void OnRecord(in ParsedRecord record, long line)
        {
            _count++;
            if (select(record, item, line, out var selected))
            {
                kept.Add(selected);
            }
        }

        public void OnMalformed(long line, string reason) => OnMalformed(line, reason, default, tooLong: false);

        public void OnMalformed(long line, string reason, ReadOnlySpan<byte> raw, bool tooLong)
        {
            _malformed++;
            if (_problems.Count < ObjectRecords.MaxProblemsPerPart)
            {
                _problems.Add(new DeliveryProblem(item, line, reason, keepRaw && !tooLong ? raw.ToArray() : null, tooLong));
            }
        }

        public void Damaged(DeliveryProblem problem) => _problems.Add(problem);

        public ValueTask PauseAsync(CancellationToken cancellationToken) =>
            kept.Count < ObjectRecords.PartRecords ? ValueTask.CompletedTask : parts.WriteAsync(TakePart(0, 0, complete: false), cancellationToken);

        /// <summary>What was gathered since the last part, as a part (bytes are the object's, on its last part).</summary>
        public ObjectRecords<T> TakePart(long storedBytes, long uncompressedBytes, bool complete)
        {
            var part = new ObjectRecords<T>(item, kept.ToArray(), _count, storedBytes, uncompressedBytes, _problems, _malformed, complete);
            kept.Clear();
            _problems = [];
            _count = 0;
            _malformed = 0;
            return part;
        }
    }
}

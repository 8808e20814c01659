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

    public RecordScanner(ILogSource source, ScanOptions? options = null)
    {
        _source = source;
        _options = options ?? new ScanOptions();
        _reader = new DeliveryReader(source, _options.Reader);
    }

    public ILogSource Source => _source;

    /// <summary>The delivery objects of the given streams in a day range, sorted by (day, key), one chunk of days listed at a time.</summary>
    /// <param name="descending">Newest day (and key) first: a newest-first query fills its page from the end.</param>
    public async IAsyncEnumerable<DeliveryObject> ListAsync(
        DateOnly first, DateOnly last, IReadOnlySet<LogCategory> streams, bool descending = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunks = new List<(DateOnly Start, DateOnly End)>();
        for (var chunkStart = first; chunkStart <= last; chunkStart = chunkStart.AddDays(_options.ChunkDays))
        {
            var end = chunkStart.AddDays(_options.ChunkDays - 1);
            chunks.Add((chunkStart, end > last ? last : end));
        }

        if (descending)
        {
            chunks.Reverse();
        }

        foreach (var (chunkStart, chunkEnd) in chunks)
        {
            var chunk = new List<DeliveryObject>();
            await foreach (var item in _reader.ListObjectsAsync(chunkStart, chunkEnd, cancellationToken))
            {
                if (item.Key.Category is { } category && streams.Contains(category))
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
            foreach (var item in chunk)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Reads the objects of a day range (see <see cref="ListAsync"/>) and keeps the records that pass
    /// <paramref name="prefilter"/> (undecoded) and then <paramref name="keep"/> (decoded).
    /// </summary>
    /// <param name="essentialsOnly">Decode only <see cref="ParsedRecord.ToEssentialRecord"/>'s fields (detect reads no others).</param>
    public IAsyncEnumerable<ObjectRecords> ScanAsync(
        DateOnly first, DateOnly last, IReadOnlySet<LogCategory> streams, Func<AuditRecord, bool> keep, RecordPrefilter? prefilter = null,
        bool descending = false, bool essentialsOnly = false, CancellationToken cancellationToken = default) =>
        ReadAsync(ListAsync(first, last, streams, descending, cancellationToken), keep, keepRaw: false, prefilter, essentialsOnly, cancellationToken);

    /// <summary>
    /// <see cref="ScanAsync(DateOnly, DateOnly, IReadOnlySet{LogCategory}, Func{AuditRecord, bool}, RecordPrefilter?, bool, bool, CancellationToken)"/>
    /// with <paramref name="digest"/> run on the workers over each object's kept records, so per-record work that
    /// needs no shared state (detect's rule matching) runs in parallel and only its result reaches the single reader.
    /// </summary>
    public IAsyncEnumerable<T> ScanAsync<T>(
        DateOnly first, DateOnly last, IReadOnlySet<LogCategory> streams, Func<AuditRecord, bool> keep, Func<ObjectRecords, T> digest,
        RecordPrefilter? prefilter = null, bool essentialsOnly = false, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(ListAsync(first, last, streams, descending: false, cancellationToken), keep, keepRaw: false, prefilter, essentialsOnly, digest, cancellationToken);

    /// <summary>
    /// Reads the given objects, several at a time, and yields their kept records in the order the objects came.
    /// With <paramref name="keepRaw"/> each kept record carries its delivered line.
    /// </summary>
    public IAsyncEnumerable<ObjectRecords> ReadAsync(
        IAsyncEnumerable<DeliveryObject> objects, Func<AuditRecord, bool> keep, bool keepRaw, RecordPrefilter? prefilter = null, bool essentialsOnly = false,
        CancellationToken cancellationToken = default) =>
        ReadCoreAsync(objects, keep, keepRaw, prefilter, essentialsOnly, static item => item, cancellationToken);

    private async IAsyncEnumerable<T> ReadCoreAsync<T>(
        IAsyncEnumerable<DeliveryObject> objects, Func<AuditRecord, bool> keep, bool keepRaw, RecordPrefilter? prefilter, bool essentialsOnly,
        Func<ObjectRecords, T> digest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Tasks go into the channel in object order and are awaited in that order: reading runs ahead in
        // parallel, handing on stays ordered, and the bound keeps at most that many objects' records in memory.
        // Several objects per worker are allowed ahead, so a slow object at the head does not idle the other cores.
        var inFlight = Channel.CreateBounded<Task<T>>(new BoundedChannelOptions(_options.Parallelism * 4)
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
                    await inFlight.Writer.WriteAsync(Task.Run(async () => digest(await ReadObjectAsync(item, keep, keepRaw, prefilter, essentialsOnly, stop.Token)), stop.Token), stop.Token);
                }

                inFlight.Writer.Complete();
            }
            catch (Exception ex)
            {
                inFlight.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var task in inFlight.Reader.ReadAllAsync(cancellationToken))
            {
                yield return await task;
            }

            await producer;
        }
        finally
        {
            await stop.CancelAsync();
            // Let the running reads see the cancellation before the source is disposed by the caller.
            await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            while (inFlight.Reader.TryRead(out var pending))
            {
                await pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    private async Task<ObjectRecords> ReadObjectAsync(DeliveryObject item, Func<AuditRecord, bool> keep, bool keepRaw, RecordPrefilter? prefilter, bool essentialsOnly, CancellationToken cancellationToken)
    {
        if (!_scanners.TryTake(out var scanner))
        {
            scanner = new ObjectScanner(_options.Reader.Fields, _options.Reader.MaxLineBytes);
        }

        try
        {
            var visitor = new KeepingVisitor(item, keep, keepRaw, prefilter, essentialsOnly);
            var result = await scanner.ScanAsync(_source, item, visitor, cancellationToken);
            if (result.Damage is { } damage)
            {
                visitor.Problems.Add(new DeliveryProblem(item, null, damage.Message));
            }

            return new ObjectRecords(item, visitor.Kept, visitor.Count, result.StoredBytes, result.UncompressedBytes, visitor.Problems);
        }
        finally
        {
            _scanners.Add(scanner);
        }
    }

    private sealed class KeepingVisitor(DeliveryObject item, Func<AuditRecord, bool> keep, bool keepRaw, RecordPrefilter? prefilter, bool essentialsOnly) : IRecordVisitor
    {
        public List<LocatedRecord> Kept { get; } = [];

        public List<DeliveryProblem> Problems { get; } = [];

        public long Count { get; private set; }

        public void OnRecord(in ParsedRecord record, long line)
        {
            Count++;
            if (prefilter is not null && !prefilter(record))
            {
                return;
            }

            var parsed = essentialsOnly ? record.ToEssentialRecord() : record.ToAuditRecord();
            if (keep(parsed))
            {
                Kept.Add(new LocatedRecord(parsed, item.Key.Key, line, keepRaw ? record.Line.ToArray() : null));
            }
        }

        public void OnMalformed(long line, string reason) => Problems.Add(new DeliveryProblem(item, line, reason));
    }
}

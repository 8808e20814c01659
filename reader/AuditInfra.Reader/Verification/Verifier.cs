using System.Diagnostics;
using System.Threading.Channels;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Reporting;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification.Checks;

namespace AuditInfra.Reader.Verification;

/// <summary>
/// The reader job: walks the delivery for a date range, reads objects in parallel (each streamed, one line buffer
/// per worker), runs every check and builds the report. Memory stays flat: record identities go to a ledger with a
/// fixed memory budget that spills sorted runs to a temporary file (<see cref="Duplicates.IdentityLedger"/>).
/// </summary>
public sealed class Verifier
{
    private readonly ReaderSettings _settings;
    private readonly EventCatalog _catalog;
    private readonly IReadOnlyList<IObjectCheck> _extraObjectChecks;
    private readonly IReadOnlyList<IAsyncCompletionCheck> _completionChecks;
    private readonly TimeProvider _clock;

    /// <param name="settings">Layout, field paths, limits and parallelism.</param>
    /// <param name="catalog">The catalog to check codes against (default: the shipped one).</param>
    /// <param name="extraObjectChecks">Further per-object checks, e.g. Object Lock retention (<c>unlocked_object</c>).</param>
    /// <param name="completionChecks">Checks run after every object was read, e.g. the digests of <c>verify --integrity</c>.</param>
    /// <param name="clock">"Now", which the range is clamped at (default: the system clock; tests pass a fixed one).</param>
    public Verifier(
        ReaderSettings settings, EventCatalog? catalog = null, IEnumerable<IObjectCheck>? extraObjectChecks = null, IEnumerable<IAsyncCompletionCheck>? completionChecks = null,
        TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _completionChecks = completionChecks?.ToArray() ?? [];
        _settings = settings;
        _catalog = catalog ?? EventCatalog.Default;
        _extraObjectChecks = extraObjectChecks?.ToArray() ?? [];
    }

    /// <summary>Live counters of the current run, for a progress line.</summary>
    public VerifyProgress Progress { get; } = new();

    /// <summary>
    /// Verifies the days <paramref name="from"/>..<paramref name="to"/> (UTC, inclusive), clamped at now: days after
    /// today have not happened, so they are neither read nor findings, and today is still being delivered, so it is
    /// read but a missing object for it is no finding. Both are said in <see cref="VerifySummary.Notes"/>. A range
    /// entirely after today reads nothing (<see cref="VerifySummary.ReadTo"/> is null): an empty range.
    /// </summary>
    /// <exception cref="LogSourceException">The source cannot be listed or read (access, missing bucket, unreachable).</exception>
    public async Task<VerifyReport> RunAsync(ILogSource source, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var now = _clock.GetUtcNow();
        var window = VerifyWindow.Clamp(from, to, now);
        if (window.ReadTo is not { } readTo)
        {
            var nothing = new VerifyTally(_catalog);
            return new VerifyReport(
                Summarize(source, from, to, null, window.Notes, null, clock.Elapsed, nothing, [], new FindingCollector(0), []), []);
        }

        var findings = new FindingCollector(_settings.MaxFindings);
        var coverage = new FieldCoverage(_settings.Fields);
        var missingDays = new MissingDayCheck();
        using var duplicates = new DuplicateRecordCheck();
        IObjectCheck[] objectChecks = [new UnexpectedObjectCheck(), missingDays, .. _extraObjectChecks];
        IRecordCheck[] recordChecks =
        [
            new UnknownEventCodeCheck(_catalog),
            duplicates,
            new PartitionMismatchCheck(TimeSpan.FromMinutes(_settings.PartitionToleranceMinutes)),
        ];

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<(DeliveryObject Item, int Ordinal)>(new BoundedChannelOptions(512) { SingleWriter = true });
        var walker = new DeliveryWalker(source, new DeliveryLayout(_settings.Path));
        var parallelism = _settings.Parallelism > 0 ? _settings.Parallelism : 4 * Environment.ProcessorCount;
        var tallies = Enumerable.Range(0, parallelism).Select(_ => new VerifyTally(_catalog)).ToArray();

        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in walker.WalkAsync(from, readTo, stop.Token))
                    {
                        Progress.Listed();
                        var ordinal = -1;
                        if (item.Key.Kind == KeyKind.Delivery)
                        {
                            ordinal = duplicates.Register(item);
                            // Workers take objects in this order: a remote source fetches them ahead of the parsing.
                            source.ReadAhead(item.Info);
                        }

                        await queue.Writer.WriteAsync((item, ordinal), stop.Token);
                    }

                    queue.Writer.Complete();
                }
                catch (Exception ex)
                {
                    queue.Writer.Complete(ex);
                    throw;
                }
            },
            stop.Token);
        var workers = tallies.Select(tally => Task.Run(
            async () =>
            {
                try
                {
                    await WorkAsync(source, queue.Reader, tally, coverage, objectChecks, recordChecks, findings, stop.Token);
                }
                catch
                {
                    // One worker down (out of memory under a heap limit, a bug) ends the run now: otherwise the
                    // listing waits forever on a full queue that no worker reads any more.
                    await stop.CancelAsync();
                    throw;
                }
            },
            stop.Token)).ToList();

        try
        {
            await Task.WhenAll([producer, .. workers]);
        }
        catch
        {
            await stop.CancelAsync();
            throw FirstRealFailure(producer, workers, cancellationToken);
        }

        duplicates.Complete(findings);
        if (window.LastSettledDay is { } settled)
        {
            missingDays.Complete(from, settled, walker.Partitions, findings);
        }

        foreach (var check in _completionChecks)
        {
            await check.CompleteAsync(from, readTo, walker.Partitions, findings, cancellationToken);
        }
        var total = new VerifyTally(_catalog);
        var byCode = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var tally in tallies)
        {
            tally.MergeInto(total, byCode);
        }

        return new VerifyReport(Summarize(source, from, to, readTo, window.Notes, coverage, clock.Elapsed, total, byCode, findings, walker.Partitions), findings.Kept());
    }

    private async Task WorkAsync(
        ILogSource source, ChannelReader<(DeliveryObject Item, int Ordinal)> queue, VerifyTally tally, FieldCoverage coverage, IObjectCheck[] objectChecks,
        IRecordCheck[] recordChecks, FindingCollector findings, CancellationToken cancellationToken)
    {
        var scanner = new ObjectScanner(_settings.ToReaderOptions(), coverage);
        var visitor = new CheckingVisitor(recordChecks, tally, findings);
        var corrupt = new CorruptObjectCheck();
        await foreach (var (item, ordinal) in queue.ReadAllAsync(cancellationToken))
        {
            foreach (var check in objectChecks)
            {
                await check.CheckAsync(item, source, findings, cancellationToken);
            }

            switch (item.Key.Kind)
            {
                case KeyKind.Probe:
                    tally.Probes++;
                    break;
                case KeyKind.FolderMarker:
                    tally.FolderMarkers++;
                    break;
                case KeyKind.Unexpected:
                    tally.Unexpected++;
                    break;
                default:
                    await ReadDeliveryAsync(source, item, ordinal, scanner, visitor, corrupt, tally, findings, cancellationToken);
                    break;
            }
        }
    }

    private async Task ReadDeliveryAsync(
        ILogSource source, DeliveryObject item, int ordinal, ObjectScanner scanner, CheckingVisitor visitor, CorruptObjectCheck corrupt,
        VerifyTally tally, FindingCollector findings, CancellationToken cancellationToken)
    {
        tally.Objects++;
        var day = (item.Key.Partition!, item.Key.Day!.Value);
        tally.ObjectsPerDay[day] = tally.ObjectsPerDay.GetValueOrDefault(day) + 1;
        if (item.Info.Size == 0)
        {
            tally.EmptyObjects++;
            Progress.Done(0, 0);
            return;
        }

        visitor.Begin(item, ordinal);
        var result = await scanner.ScanAsync(source, item, visitor, cancellationToken);
        corrupt.Check(item, result, findings);
        tally.StoredBytes += result.StoredBytes;
        tally.UncompressedBytes += result.UncompressedBytes;
        if (result.Damage is null && visitor.RecordsInObject == 0 && visitor.MalformedInObject == 0)
        {
            tally.EmptyObjects++;
        }

        Progress.Done(visitor.RecordsInObject, result.StoredBytes);
    }

    private VerifySummary Summarize(
        ILogSource source, DateOnly from, DateOnly to, DateOnly? readTo, IReadOnlyList<string> notes, FieldCoverage? coverage, TimeSpan elapsed, VerifyTally total, Dictionary<string, long> byCode, FindingCollector findings, IReadOnlyList<DeliveryPartition> partitions)
    {
        var byService = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var (code, count) in byCode)
        {
            if (_catalog.Find(code) is { } entry)
            {
                // Coverage counts the listed codes; a family's codes (s3…) count for their service only.
                seen += _catalog.Contains(code) ? 1 : 0;
                byService[entry.Service] = byService.GetValueOrDefault(entry.Service) + count;
            }
        }

        var daysInRange = readTo is { } last ? last.DayNumber - from.DayNumber + 1 : 0;
        var kept = findings.Kept();
        return new VerifySummary
        {
            Source = source.Description,
            From = from,
            To = to,
            ReadTo = readTo,
            Notes = notes,
            FieldCoverage = coverage?.Entries() ?? [],
            Warnings = coverage?.Warnings() ?? [],
            DurationSeconds = Math.Round(elapsed.TotalSeconds, 3),
            Objects = total.Objects,
            EmptyObjects = total.EmptyObjects,
            ProbeObjects = total.Probes,
            UnexpectedObjects = total.Unexpected,
            Records = total.Records,
            Bytes = total.StoredBytes,
            UncompressedBytes = total.UncompressedBytes,
            Findings = findings.Total,
            FindingsListed = kept.Count,
            FindingsByKind = [.. FindingKinds.All.Select(k => new KeyValuePair<string, long>(FindingKinds.Name(k), findings.CountOf(k)))],
            RecordsByCategory =
            [
                new("config", total.ByCategory[(int)LogCategory.Config]),
                new("login", total.ByCategory[(int)LogCategory.Login]),
                new("k8s", total.ByCategory[(int)LogCategory.Kubernetes]),
            ],
            RecordsByEventCode = [.. byCode.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)],
            RecordsByService = [.. byService.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)],
            CatalogCoverage = new CatalogCoverage(seen, _catalog.Count),
            Streams = [.. partitions.Select(p => new PartitionSummary(
                StreamTypes.Name(p.Stream),
                p.Account,
                p.Cluster,
                p.Prefix,
                total.ObjectsPerDay.Keys.Count(k => k.Item1 == p),
                daysInRange,
                total.ObjectsPerDay.Where(k => k.Key.Item1 == p).Sum(k => k.Value)))],
        };
    }

    private static Exception FirstRealFailure(Task producer, List<Task> workers, CancellationToken cancellationToken)
    {
        var failures = workers.Prepend(producer).Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
        return failures.FirstOrDefault(e => e is not OperationCanceledException)
            ?? failures.FirstOrDefault()
            ?? new OperationCanceledException(cancellationToken);
    }

    /// <summary>Runs the record checks on each line of the current object and counts what it sees.</summary>
    private sealed class CheckingVisitor(IRecordCheck[] checks, VerifyTally tally, FindingCollector findings) : IRecordVisitor
    {
        private readonly MalformedRecordCheck _malformed = new();
        private DeliveryObject? _item;
        private int _ordinal;

        public long RecordsInObject { get; private set; }

        public long MalformedInObject { get; private set; }

        public void Begin(DeliveryObject item, int ordinal)
        {
            _item = item;
            _ordinal = ordinal;
            RecordsInObject = 0;
            MalformedInObject = 0;
        }

        public void OnRecord(in ParsedRecord record, long line)
        {
            RecordsInObject++;
            tally.Records++;
            tally.ByCategory[(int)record.Category]++;
            var entry = record.Category == LogCategory.Kubernetes ? null : tally.Codes.Count(DecodedCode(record));

            var context = new RecordContext(_item!, line, entry, _ordinal);
            foreach (var check in checks)
            {
                check.Check(record, context, findings);
            }
        }

        /// <summary>
        /// The event code's UTF-8 bytes. Valid JSON may escape any character ("post-\u006cinode-instance"); such a
        /// code is decoded (rare, so it may allocate) rather than counted as unknown.
        /// </summary>
        private static ReadOnlySpan<byte> DecodedCode(in ParsedRecord record)
        {
            var code = record.EventCodeUtf8;
            return code.IndexOf((byte)'\\') < 0 ? code : System.Text.Encoding.UTF8.GetBytes(record.EventCode ?? string.Empty);
        }

        public void OnMalformed(long line, string reason)
        {
            MalformedInObject++;
            _malformed.Report(_item!, line, reason, findings);
        }
    }
}

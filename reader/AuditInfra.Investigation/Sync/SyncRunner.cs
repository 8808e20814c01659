using AuditInfra.Investigation.Reading;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// Incremental collection: lists the days that can hold new objects, collects the objects not collected yet in
/// (LastModified, key) order, appends their records as JSON Lines, and after every few objects makes the output
/// durable and only then saves the checkpoint. Killed at any point, the next run loses nothing (the checkpoint
/// never runs ahead of the output) and writes nothing twice (what the output holds beyond the checkpoint is read
/// back and skipped; Akamai's own redeliveries are dropped by the id dedup window).
/// </summary>
public sealed class SyncRunner
{
    private static readonly HashSet<LogCategory> AllStreams = [LogCategory.Config, LogCategory.Login, LogCategory.Kubernetes];

    private readonly RecordScanner _scanner;
    private readonly SyncOptions _options;

    public SyncRunner(RecordScanner scanner, SyncOptions options)
    {
        options.Validate();
        _scanner = scanner;
        _options = options;
    }

    /// <param name="stdout">Where records go when <see cref="SyncOptions.OutputPath"/> is null.</param>
    public async Task<SyncResult> RunAsync(TextWriter stdout, CancellationToken cancellationToken = default)
    {
        var store = new CheckpointStore(_options.CheckpointPath);
        var checkpoint = store.Load();
        // A folder may be named relatively; the checkpoint stores it absolute so "./logs" and "logs" are one source.
        var source = _scanner.Source.Description is { } described && !described.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFullPath(described)
            : _scanner.Source.Description;
        var today = DateOnly.FromDateTime(_options.Clock.GetUtcNow().UtcDateTime);
        if (checkpoint is not null && checkpoint.Source != source)
        {
            throw new InvestigationException($"checkpoint {store.Path} belongs to {checkpoint.Source}, not {source}; use another checkpoint file for this source");
        }

        var recovered = new HashSet<ulong>();
        if (checkpoint is null)
        {
            // Saved before anything is written, so a run killed before its first checkpoint is recoverable too.
            checkpoint = new SyncCheckpoint
            {
                Source = source,
                Since = _options.Since ?? today,
                OutputLength = _options.OutputPath is { } path && File.Exists(path) ? new FileInfo(path).Length : _options.OutputPath is null ? null : 0,
            };
            store.Save(checkpoint);
        }
        else if (_options.OutputPath is { } path)
        {
            recovered = OutputRecovery.Recover(path, checkpoint.OutputLength ?? (File.Exists(path) ? new FileInfo(path).Length : 0));
        }

        var dedup = DedupWindow.Restore(checkpoint.Recent, _options.DedupWindow, _options.MaxDedupIds);
        var firstDay = checkpoint.NewestDay is { } newest ? newest.AddDays(-_options.LateDays) : checkpoint.Since;
        firstDay = firstDay < checkpoint.Since ? checkpoint.Since : firstDay;
        firstDay = checkpoint.UnfinishedFrom is { } unfinished && unfinished < firstDay ? unfinished : firstDay;
        var lastDay = new[] { today, checkpoint.NewestDay ?? today, checkpoint.Since }.Max();

        var candidates = new List<DeliveryObject>();
        await foreach (var item in _scanner.ListAsync(firstDay, lastDay, AllStreams, cancellationToken: cancellationToken))
        {
            if (IsNew(item, checkpoint, dedup))
            {
                candidates.Add(item);
            }
        }

        candidates.Sort(static (a, b) =>
        {
            var byTime = a.Info.LastModified.CompareTo(b.Info.LastModified);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Key.Key, b.Key.Key);
        });

        var statistics = new ScanStatistics();
        long objects = 0, written = 0, duplicates = 0, recoveredCount = 0, sinceCheckpoint = 0;
        using var output = _options.OutputPath is { } outputPath ? (ISyncOutput)new FileSyncOutput(outputPath) : new TextSyncOutput(stdout);
        var every = _options.OutputPath is null ? 1 : _options.CheckpointEvery;

        void Commit(bool final)
        {
            checkpoint.UnfinishedFrom = final ? null : firstDay;
            // Order matters: the output is durable before the checkpoint says it holds these objects.
            checkpoint.OutputLength = output.MakeDurable();
            checkpoint.Recent = dedup.ToStored();
            store.Save(checkpoint);
            sinceCheckpoint = 0;
        }

        // A big object comes in parts; its ids are gathered across them and it counts as collected after the last.
        var hashes = new HashSet<ulong>();
        long unique = 0, dropped = 0;
        await foreach (var item in _scanner.ReadAsync(ToAsync(candidates), static _ => true, keepRaw: true, cancellationToken: cancellationToken))
        {
            statistics.Add(item);
            foreach (var record in item.Records)
            {
                var hash = RecordIdentity.Hash(record.Record);
                if (dedup.ContainsId(hash) || hashes.Contains(hash))
                {
                    duplicates++;
                    dropped++;
                    continue;
                }

                unique++;
                // One object's ids are remembered up to the dedup cap: a decompression bomb of valid records must not
                // grow memory and the checkpoint with it. Past the cap, a redelivery of such a record is written again
                // (at least once, never lost).
                if (hashes.Count < _options.MaxDedupIds)
                {
                    hashes.Add(hash);
                }

                if (recovered.Contains(hash))
                {
                    recoveredCount++;
                    continue;
                }

                output.WriteLine(record.Raw);
                written++;
            }

            if (!item.Complete)
            {
                continue;
            }

            dedup.Add(item.Object.Key.Key, item.Object.Info.LastModified, hashes);
            checkpoint.LastModified = item.Object.Info.LastModified;
            checkpoint.Key = item.Object.Key.Key;
            checkpoint.NewestDay = item.Object.Key.Day > checkpoint.NewestDay || checkpoint.NewestDay is null ? item.Object.Key.Day : checkpoint.NewestDay;
            checkpoint.ObjectsCollected++;
            checkpoint.RecordsWritten += unique;
            checkpoint.DuplicatesDropped += dropped;
            hashes = [];
            unique = dropped = 0;
            objects++;
            if (++sinceCheckpoint >= every)
            {
                Commit(final: false);
            }
        }

        Commit(final: true);

        return new SyncResult(objects, written, duplicates, recoveredCount, firstDay, lastDay, statistics);
    }

    /// <summary>
    /// New: after the watermark, or (landed late: listed after a newer one) inside the dedup window before it
    /// and not among the objects remembered there.
    /// </summary>
    private bool IsNew(DeliveryObject item, SyncCheckpoint checkpoint, DedupWindow dedup)
    {
        if (checkpoint.LastModified is not { } watermark)
        {
            return true;
        }

        if (dedup.ContainsKey(item.Key.Key))
        {
            return false;
        }

        var lastModified = item.Info.LastModified;
        var afterWatermark = lastModified > watermark || (lastModified == watermark && string.CompareOrdinal(item.Key.Key, checkpoint.Key) > 0);
        return afterWatermark || lastModified >= watermark - _options.DedupWindow;
    }

    private static async IAsyncEnumerable<DeliveryObject> ToAsync(List<DeliveryObject> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }
}

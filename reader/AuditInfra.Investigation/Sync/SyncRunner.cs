using AuditInfra.Investigation.Reading;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// Incremental collection: lists the days that can hold new objects, collects the objects not collected yet in
/// (LastModified, key) order, appends their records as JSON Lines, and after every few objects makes the output
/// durable and only then saves the checkpoint. Killed at any point, the next run loses nothing (the checkpoint
/// never runs ahead of the output) and writes nothing twice (what the output holds beyond the checkpoint is read
/// back and skipped; Akamai's own redeliveries are dropped by the id dedup window). An object that cannot be read
/// whole writes nothing and goes to the checkpoint's retry list, tried again by every run until it is read whole or
/// given up; skipped lines go to the quarantine file with their bytes. So the checkpoint never passes a record that
/// was neither written nor recorded.
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

        var retry = checkpoint.Retry.ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var waiting in retry.Values)
        {
            recovered.UnionWith(RetryObject.DecodeIds(waiting.WrittenIds));
        }

        var giveUp = GiveUpSet(retry, store.Path);
        var layout = new DeliveryLayout(_scanner.Options.Reader.Path);
        var candidates = retry.Values.Select(r => new DeliveryObject(new LogObjectInfo(r.Key, r.Size, r.LastModified, r.VersionId), layout.Parse(r.Key, r.Size))).ToList();
        long listed = 0;
        await foreach (var item in _scanner.ListAsync(firstDay, lastDay, AllStreams, cancellationToken: cancellationToken))
        {
            listed++;
            if (!retry.ContainsKey(item.Key.Key) && IsNew(item, checkpoint, dedup))
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
        long objects = 0, written = 0, duplicates = 0, recoveredCount = 0, sinceCheckpoint = 0, failed = 0, givenUp = 0;
        using var output = _options.OutputPath is { } outputPath ? (ISyncOutput)new FileSyncOutput(outputPath) : new TextSyncOutput(stdout);
        using var quarantine = new QuarantineFile(_options.QuarantinePath, checkpoint.QuarantineLength);
        var every = _options.OutputPath is null ? 1 : _options.CheckpointEvery;

        void Commit(bool final)
        {
            checkpoint.UnfinishedFrom = final ? null : firstDay;
            // Order matters: the output and the quarantine are durable before the checkpoint says they hold these objects.
            checkpoint.OutputLength = output.MakeDurable();
            checkpoint.QuarantineLength = quarantine.MakeDurable();
            checkpoint.Recent = dedup.ToStored();
            checkpoint.Retry = [.. retry.Values.OrderBy(r => r.LastModified).ThenBy(r => r.Key, StringComparer.Ordinal)];
            store.Save(checkpoint);
            sinceCheckpoint = 0;
        }

        // A big object comes in parts; its ids are gathered across them and it counts as collected after the last.
        // Its failure may only show on the last part: what its earlier parts wrote is then taken back (a file output
        // and the quarantine are cut back to where the object began; stdout cannot be, so it stays at least once).
        var hashes = new HashSet<ulong>();
        var recoveredHere = new List<ulong>();
        long unique = 0, dropped = 0, objectWritten = 0, objectRecovered = 0;
        long? objectOutputStart = null;
        long objectQuarantineStart = 0, objectQuarantined = 0;
        string? failure = null;
        await foreach (var item in _scanner.ReadAsync(ToAsync(candidates), static _ => true, keepRaw: true, cancellationToken: cancellationToken))
        {
            statistics.Add(item);
            var key = item.Object.Key.Key;
            retry.TryGetValue(key, out var entry);
            var givingUp = entry is not null && giveUp.Contains(key);
            if (objectOutputStart is null)
            {
                objectOutputStart = output.Length ?? 0;
                objectQuarantineStart = quarantine.Length;
                objectQuarantined = quarantine.Written;
            }

            failure ??= FailureOf(item);
            if (failure is null || givingUp)
            {
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
                        objectRecovered++;
                        recoveredHere.Add(hash);
                        continue;
                    }

                    output.WriteLine(record.Raw);
                    written++;
                    objectWritten++;
                }

                foreach (var problem in item.Problems)
                {
                    var reason = problem.Line is null && entry is not null
                        ? $"given up after {entry.Attempts} failed attempt(s), first {entry.FirstFailed:yyyy-MM-ddTHH:mm:ssZ}: {problem.Detail}"
                        : problem.Detail;
                    quarantine.Add(key, problem.Line, reason, problem.Raw);
                }
            }

            if (!item.Complete)
            {
                continue;
            }

            if (failure is not null && !givingUp)
            {
                // Not read whole: nothing of it stays written, and the retry list (saved with the checkpoint that passes it) keeps it.
                if (output.TryTruncate(objectOutputStart.Value))
                {
                    written -= objectWritten;
                }

                quarantine.Truncate(objectQuarantineStart, objectQuarantined);
                var now = _options.Clock.GetUtcNow();
                entry ??= new RetryObject { Key = key, Size = item.Object.Info.Size, LastModified = item.Object.Info.LastModified, VersionId = item.Object.Info.VersionId, FirstFailed = now };
                entry.Attempts++;
                entry.LastError = failure;
                entry.LastFailed = now;
                // Records a killed run had already written stay in the output: remembered so the retry does not write them again.
                entry.WrittenIds = RetryObject.EncodeIds([.. RetryObject.DecodeIds(entry.WrittenIds), .. recoveredHere]);
                recoveredCount -= objectRecovered;
                retry[key] = entry;
                failed++;
            }
            else
            {
                if (entry is not null)
                {
                    retry.Remove(key);
                    givenUp += givingUp ? 1 : 0;
                    checkpoint.ObjectsGivenUp += givingUp ? 1 : 0;
                }

                dedup.Add(key, item.Object.Info.LastModified, hashes);
                checkpoint.ObjectsCollected++;
                checkpoint.RecordsWritten += unique;
                checkpoint.DuplicatesDropped += dropped;
                objects++;
            }

            // A retried object is older than the watermark: the watermark never moves back.
            if (checkpoint.LastModified is not { } mark || item.Object.Info.LastModified > mark ||
                (item.Object.Info.LastModified == mark && string.CompareOrdinal(key, checkpoint.Key) > 0))
            {
                checkpoint.LastModified = item.Object.Info.LastModified;
                checkpoint.Key = key;
            }

            checkpoint.NewestDay = item.Object.Key.Day > checkpoint.NewestDay || checkpoint.NewestDay is null ? item.Object.Key.Day : checkpoint.NewestDay;
            hashes = [];
            recoveredHere.Clear();
            unique = dropped = objectWritten = objectRecovered = 0;
            objectOutputStart = null;
            failure = null;
            if (++sinceCheckpoint >= every)
            {
                Commit(final: false);
            }
        }

        checkpoint.LinesQuarantined += quarantine.Written;
        Commit(final: true);

        return new SyncResult(objects, written, duplicates, recoveredCount, firstDay, lastDay, statistics)
        {
            Listed = listed,
            Failed = failed,
            GivenUp = givenUp,
            Quarantined = quarantine.Written,
            QuarantinePath = quarantine.Path,
            Retrying = checkpoint.Retry,
        };
    }

    /// <summary>
    /// Why an object cannot be collected as read, or null when it can: it was not read to its end, a line was over
    /// the limit (raising MaxLineBytes brings it back, so it is retried, not quarantined), or its skipped lines
    /// were more than the reader keeps per part (<see cref="ObjectRecords.MaxProblemsPerPart"/>, with their bytes).
    /// </summary>
    private static string? FailureOf(ObjectRecords<LocatedRecord> item)
    {
        if (item.MalformedLines > item.Problems.Count(p => p.Line is not null))
        {
            return $"{item.MalformedLines} lines that are not records in one part, more than the quarantine keeps per part; give the object up to collect its records";
        }

        foreach (var problem in item.Problems)
        {
            if (problem.Line is null)
            {
                return problem.Detail;
            }

            if (problem.TooLong)
            {
                return $"line {problem.Line} is longer than the MaxLineBytes setting allows; raise it, or give the object up to quarantine the line";
            }

        }

        return null;
    }

    private HashSet<string> GiveUpSet(Dictionary<string, RetryObject> retry, string checkpointPath)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _options.GiveUp)
        {
            if (key == SyncOptions.GiveUpAll)
            {
                keys.UnionWith(retry.Keys);
                continue;
            }

            if (!retry.ContainsKey(key))
            {
                throw new InvestigationException(
                    $"--give-up {key}: not in the retry list of {checkpointPath} ({(retry.Count == 0 ? "it is empty" : $"{retry.Count} object(s), e.g. {retry.Keys.Order(StringComparer.Ordinal).First()}")})");
            }

            keys.Add(key);
        }

        if (_options.GiveUp.Contains(SyncOptions.GiveUpAll) && retry.Count == 0)
        {
            throw new InvestigationException($"--give-up all: the retry list of {checkpointPath} is empty; nothing to give up");
        }

        return keys;
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

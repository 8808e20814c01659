using System.Collections.Concurrent;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Store;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity;

/// <summary>
/// Reads delivery objects for sealing, in parallel: one HEAD for the current version's id, ETag and Object Lock
/// state, then one read of exactly that version through the reader's pipeline (gzip lines, record parser), which
/// counts its records and their first and last time while the bytes are hashed on the way. Each object is read once;
/// only a damaged one, whose decoding stops early, is read a second time to hash the rest.
/// </summary>
internal sealed class ObjectSealReader
{
    private readonly ReaderSettings _settings;
    private readonly IIntegrityStore _store;
    private readonly ILogSource _source;
    private readonly ConcurrentBag<ObjectScanner> _scanners = [];

    public ObjectSealReader(ReaderSettings settings, IIntegrityStore store, ILogSource source)
    {
        _settings = settings;
        _store = store;
        _source = source;
    }

    /// <summary>The sealed entries by key; an object gone since it was listed has none.</summary>
    /// <exception cref="LogSourceException">An object cannot be read whole, or changed while it was read.</exception>
    public async Task<IReadOnlyDictionary<string, SealedObject>> ReadAsync(IEnumerable<DeliveryObject> items, CancellationToken cancellationToken)
    {
        var sealedObjects = new ConcurrentDictionary<string, SealedObject>(StringComparer.Ordinal);
        await using var hashing = new HashingLogSource(_source);
        var parallelism = _settings.Parallelism > 0 ? _settings.Parallelism : 4 * Environment.ProcessorCount;
        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                if (await ReadOneAsync(hashing, item, ct) is { } entry)
                {
                    sealedObjects[entry.Key] = entry;
                }
            });
        return sealedObjects;
    }

    private async Task<SealedObject?> ReadOneAsync(HashingLogSource hashing, DeliveryObject item, CancellationToken cancellationToken)
    {
        var state = await _store.HeadAsync(item.Key.Key, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var info = new LogObjectInfo(item.Key.Key, state.Size, state.LastModified, state.VersionId);
        var stats = new RecordStatsVisitor();
        string? damage = null;
        if (state.Size > 0)
        {
            var scanner = _scanners.TryTake(out var pooled) ? pooled : new ObjectScanner(_settings.Fields, _settings.Limits);
            try
            {
                var result = await scanner.ScanAsync(hashing, new DeliveryObject(info, item.Key), stats, cancellationToken);
                damage = result.Damage?.Message;
            }
            finally
            {
                _scanners.Add(scanner);
            }
        }

        var hash = state.Size == 0 ? ObjectHash.Empty
            : hashing.Hashes.TryGetValue(item.Key.Key, out var read) ? read
            : await hashing.HashWholeAsync(info, cancellationToken);
        if (hash.Bytes != state.Size)
        {
            throw new LogSourceException(
                $"{item.Key.Key} changed while it was sealed ({hash.Bytes} bytes read, {state.Size} listed); run seal again", "ObjectChanged");
        }

        return new SealedObject(
            item.Key.Key, state.VersionId, state.Size, state.ETag, hash.Sha256, state.LastModified,
            stats.Records, stats.First, stats.Last, state.LockMode, state.RetainUntil, damage);
    }
}

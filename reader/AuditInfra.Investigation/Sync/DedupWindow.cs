namespace AuditInfra.Investigation.Sync;

/// <summary>
/// The object keys and record ids (as hashes) collected recently: objects whose LastModified lies within
/// <c>window</c> of the newest collected object, and at most <c>maxIds</c> ids (the oldest objects' go first).
/// It drops a record Akamai delivers twice and tells a late-listed object from one already collected.
/// </summary>
public sealed class DedupWindow
{
    private readonly TimeSpan _window;
    private readonly int _maxIds;
    private readonly LinkedList<Entry> _objects = new();
    private readonly Dictionary<ulong, int> _ids = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    public DedupWindow(TimeSpan window, int maxIds)
    {
        _window = window;
        _maxIds = maxIds;
    }

    public int IdCount => _ids.Count;

    public static DedupWindow Restore(IEnumerable<CollectedObject> stored, TimeSpan window, int maxIds)
    {
        var dedup = new DedupWindow(window, maxIds);
        foreach (var item in stored.OrderBy(o => o.LastModified).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            var hashes = RetryObject.DecodeIds(item.Ids);
            dedup.Add(item.Key, item.LastModified, hashes);
        }

        return dedup;
    }

    public bool ContainsKey(string key) => _keys.Contains(key);

    public bool ContainsId(ulong hash) => _ids.ContainsKey(hash);

    /// <summary>Remembers a collected object and its record id hashes, then evicts what fell out of the window.</summary>
    /// <remarks>
    /// Objects come in (LastModified, key) order, as sync collects them, except an object from the retry list, which
    /// is older: it is placed by its LastModified so it leaves the window when its neighbours do.
    /// </remarks>
    public void Add(string key, DateTimeOffset lastModified, IReadOnlyCollection<ulong> hashes)
    {
        var entry = new Entry(key, lastModified, hashes.ToArray());
        var after = _objects.Last;
        while (after is not null && after.Value.LastModified > lastModified)
        {
            after = after.Previous;
        }

        if (after is null)
        {
            _objects.AddFirst(entry);
        }
        else
        {
            _objects.AddAfter(after, entry);
        }

        _keys.Add(key);
        foreach (var hash in hashes)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_ids, hash, out _)++;
        }

        _newest = lastModified > _newest ? lastModified : _newest;
        // Objects leave by time only, so every object within the window stays known by key (a key is never
        // collected twice). The id cap only thins the ids of the oldest objects: past it, a redelivery of a
        // record from those objects would be written again.
        while (_objects.First is { } first && _newest - first.Value.LastModified > _window)
        {
            Evict(first.Value);
            _objects.RemoveFirst();
        }

        for (var node = _objects.First; node is not null && _ids.Count > _maxIds && node != _objects.Last; node = node.Next)
        {
            RemoveIds(node.Value.Hashes);
            node.Value = node.Value with { Hashes = [] };
        }
    }

    public List<CollectedObject> ToStored() =>
        _objects.Select(o => new CollectedObject { Key = o.Key, LastModified = o.LastModified, Ids = RetryObject.EncodeIds(o.Hashes) ?? string.Empty }).ToList();

    private void Evict(Entry entry)
    {
        _keys.Remove(entry.Key);
        RemoveIds(entry.Hashes);
    }

    private void RemoveIds(ulong[] hashes)
    {
        foreach (var hash in hashes)
        {
            if (_ids.TryGetValue(hash, out var count))
            {
                if (count <= 1)
                {
                    _ids.Remove(hash);
                }
                else
                {
                    _ids[hash] = count - 1;
                }
            }
        }
    }

    private sealed record Entry(string Key, DateTimeOffset LastModified, ulong[] Hashes);
}

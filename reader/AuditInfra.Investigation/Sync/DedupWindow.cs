using System.Buffers.Binary;

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
            var bytes = Convert.FromBase64String(item.Ids);
            var hashes = new ulong[bytes.Length / 8];
            for (var i = 0; i < hashes.Length; i++)
            {
                hashes[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
            }

            dedup.Add(item.Key, item.LastModified, hashes);
        }

        return dedup;
    }

    public bool ContainsKey(string key) => _keys.Contains(key);

    public bool ContainsId(ulong hash) => _ids.ContainsKey(hash);

    /// <summary>Remembers a collected object and its record id hashes, then evicts what fell out of the window.</summary>
    /// <remarks>Objects must be added in (LastModified, key) order, as sync collects them.</remarks>
    public void Add(string key, DateTimeOffset lastModified, IReadOnlyCollection<ulong> hashes)
    {
        _objects.AddLast(new Entry(key, lastModified, hashes.ToArray()));
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

    public List<CollectedObject> ToStored() => _objects.Select(o =>
    {
        var bytes = new byte[o.Hashes.Length * 8];
        for (var i = 0; i < o.Hashes.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), o.Hashes[i]);
        }

        return new CollectedObject { Key = o.Key, LastModified = o.LastModified, Ids = Convert.ToBase64String(bytes) };
    }).ToList();

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

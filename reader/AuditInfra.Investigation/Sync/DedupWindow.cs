using System.Buffers.Binary;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// The record ids (as hashes) and object keys collected recently: those from objects whose LastModified lies
/// within <c>window</c> of the newest collected object, at most <c>maxIds</c> ids (the oldest objects go first).
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

    /// <summary>LastModified of the oldest remembered object: an object at or after it that is not remembered was never collected.</summary>
    public DateTimeOffset? OldestRemembered => _objects.First?.Value.LastModified;

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
        // Evict whole LastModified groups, oldest first, never the newest group: afterwards every remembered
        // object is newer than every forgotten one, which is what OldestRemembered promises.
        while (_objects.First is { } first && first.Value.LastModified < _newest &&
               (_newest - first.Value.LastModified > _window || _ids.Count > _maxIds))
        {
            var group = first.Value.LastModified;
            while (_objects.First is { } oldest && oldest.Value.LastModified == group)
            {
                Evict(oldest.Value);
                _objects.RemoveFirst();
            }
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
        foreach (var hash in entry.Hashes)
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

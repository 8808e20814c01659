namespace AuditInfra.Reader.Verification;

/// <summary>
/// The ids seen so far, as 8-byte hashes in open-addressing tables (no strings, no per-entry objects): about
/// 11–21 bytes per id. Split into shards with a lock each so workers rarely wait on one another. Thread-safe.
/// </summary>
public sealed class CompactIdSet
{
    private const int ShardBits = 6;
    private readonly Shard[] _shards = Enumerable.Range(0, 1 << ShardBits).Select(_ => new Shard()).ToArray();

    public long Count => _shards.Sum(s => s.Count);

    /// <summary>Adds a hash; false when it was already there (a duplicate).</summary>
    public bool Add(ulong hash)
    {
        var shard = _shards[(int)(hash >> (64 - ShardBits))];
        lock (shard)
        {
            return shard.Add(hash == 0 ? 1 : hash);
        }
    }

    private sealed class Shard
    {
        private ulong[] _slots = new ulong[256];

        public long Count { get; private set; }

        public bool Add(ulong hash)
        {
            if ((Count + 1) * 4 > _slots.Length * 3)
            {
                Grow();
            }

            if (!Insert(_slots, hash))
            {
                return false;
            }

            Count++;
            return true;
        }

        private static bool Insert(ulong[] slots, ulong hash)
        {
            var mask = slots.Length - 1;
            for (var i = (int)hash & mask; ; i = (i + 1) & mask)
            {
                if (slots[i] == 0)
                {
                    slots[i] = hash;
                    return true;
                }

                if (slots[i] == hash)
                {
                    return false;
                }
            }
        }

        private void Grow()
        {
            var bigger = new ulong[_slots.Length * 2];
            foreach (var h in _slots)
            {
                if (h != 0)
                {
                    Insert(bigger, h);
                }
            }

            _slots = bigger;
        }
    }
}

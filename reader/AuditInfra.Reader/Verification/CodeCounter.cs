using System.Text;
using AuditInfra.Reader.Catalog;

namespace AuditInfra.Reader.Verification;

/// <summary>
/// Counts records per event code straight from the code's UTF-8 bytes, and says which catalog entry a code is:
/// an open-addressing table of byte keys preloaded with the catalog, so the per-record path decodes nothing and
/// allocates only the first time an unknown code is seen. One per worker (not thread-safe).
/// </summary>
internal sealed class CodeCounter
{
    /// <summary>Distinct codes outside the catalog counted by name; beyond that they are lumped together.</summary>
    private const int MaxDistinctCodes = 10_000;
    private const string OtherCodes = "(other unknown codes)";

    private Slot[] _slots = new Slot[512];
    private int _used;
    private long _other;

    private readonly EventCatalog _catalog;

    public CodeCounter(EventCatalog catalog)
    {
        _catalog = catalog;
        foreach (var code in catalog.Codes)
        {
            Find(Encoding.UTF8.GetBytes(code.Code), add: true, code).Entry = code;
        }
    }

    /// <summary>Counts one record with this code and returns its catalog entry, or null when the catalog lacks it.</summary>
    public EventCode? Count(ReadOnlySpan<byte> code)
    {
        if (_used >= MaxDistinctCodes + 512)
        {
            ref var known = ref Find(code, add: false, null);
            if (known.Key is null)
            {
                _other++;
                return null;
            }

            known.Count++;
            return known.Entry;
        }

        ref var slot = ref Find(code, add: true, null);
        slot.Count++;
        return slot.Entry;
    }

    public IEnumerable<KeyValuePair<string, long>> Counts()
    {
        foreach (var slot in _slots)
        {
            if (slot.Key is not null && slot.Count > 0)
            {
                yield return new(slot.Entry?.Code ?? Encoding.UTF8.GetString(slot.Key), slot.Count);
            }
        }

        if (_other > 0)
        {
            yield return new(OtherCodes, _other);
        }
    }

    private ref Slot Find(ReadOnlySpan<byte> code, bool add, EventCode? entry)
    {
        if (add && (_used + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        for (var i = (int)IdHash.Compute(code) & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Key is null)
            {
                if (add)
                {
                    slot.Key = code.ToArray();
                    // A code of a family (s3…) is known though not listed: its entry is made once, when first seen.
                    slot.Entry = entry ?? (FamilyCode(_catalog, code) is { } text ? _catalog.Find(text) : null);
                    _used++;
                }

                return ref slot;
            }

            if (code.SequenceEqual(slot.Key))
            {
                return ref slot;
            }
        }
    }

    private static string? FamilyCode(EventCatalog catalog, ReadOnlySpan<byte> code)
    {
        foreach (var family in catalog.Families)
        {
            if (family.Matches(code))
            {
                return Encoding.UTF8.GetString(code);
            }
        }

        return null;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key is null)
            {
                continue;
            }

            var i = (int)IdHash.Compute(slot.Key) & mask;
            while (_slots[i].Key is not null)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    private struct Slot
    {
        public byte[]? Key;
        public EventCode? Entry;
        public long Count;
    }
}

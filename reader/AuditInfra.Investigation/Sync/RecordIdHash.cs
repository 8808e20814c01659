using System.Text;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// A 64-bit hash of a record id (FNV-1a with a final avalanche): the dedup window stores 8 bytes per record
/// instead of the id. Stable across processes and machines, unlike <see cref="string.GetHashCode()"/>.
/// </summary>
public static class RecordIdHash
{
    public static ulong Of(string id)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(id) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(id, buffer)] : Encoding.UTF8.GetBytes(id);
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        // splitmix64 finaliser: FNV's low bits are weak for similar ids.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }
}

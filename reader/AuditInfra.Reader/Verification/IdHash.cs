using System.Buffers.Binary;
using System.Numerics;

namespace AuditInfra.Reader.Verification;

/// <summary>
/// A 64-bit hash of a record id's bytes (xxHash64-style rounds over 8-byte words). Stable across runs, unlike
/// <see cref="HashCode"/>. With 64 bits, telling ids apart by hash alone is wrong about once in 2^64/n² runs.
/// </summary>
internal static class IdHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;

    public static ulong Compute(ReadOnlySpan<byte> data)
    {
        var h = Prime3 + (ulong)data.Length;
        while (data.Length >= 8)
        {
            var k = BinaryPrimitives.ReadUInt64LittleEndian(data) * Prime2;
            h ^= BitOperations.RotateLeft(k, 31) * Prime1;
            h = (BitOperations.RotateLeft(h, 27) * Prime1) + Prime2;
            data = data[8..];
        }

        foreach (var b in data)
        {
            h ^= b * Prime3;
            h = BitOperations.RotateLeft(h, 11) * Prime1;
        }

        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        h *= Prime3;
        h ^= h >> 32;
        return h;
    }
}

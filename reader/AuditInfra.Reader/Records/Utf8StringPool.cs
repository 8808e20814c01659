using System.Buffers.Binary;
using System.Text;

namespace AuditInfra.Reader.Records;

/// <summary>
/// Hands out one string per distinct short UTF-8 value (actors, IPs, event codes, verbs), so decoding the same
/// few hundred values on every record allocates nothing and what a caller keeps shares them. A fixed table of
/// slots, each holding the last value that hashed there: memory is bounded whatever the input, and a value that
/// misses (many distinct values, a collision) is just decoded as usual. Not thread-safe: one per parser.
/// </summary>
internal sealed class Utf8StringPool
{
    // 2,048 slots cover the distinct actors, IPs and codes of a busy day many times over; longer values (user
    // agents, URIs) are rarely repeated byte for byte and are not worth a slot.
    private const int SlotBits = 11;
    private const int SlotCount = 1 << SlotBits;
    private const int MaxPooledBytes = 96;

    private readonly byte[]?[] _keys = new byte[SlotCount][];
    private readonly string?[] _values = new string[SlotCount];

    /// <param name="utf8">Valid UTF-8 with no JSON escapes (the parser has checked both).</param>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slot = Slot(utf8);
        if (_keys[slot] is { } key && utf8.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }

    /// <summary>
    /// A cheap mix of the length and the first and last eight bytes, where values of one kind differ (user names,
    /// the last octets of addresses, code suffixes). A collision costs only a decode: the bytes are compared anyway.
    /// </summary>
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        const ulong Mix = 0x9E3779B97F4A7C15;
        var hash = (ulong)utf8.Length * Mix;
        if (utf8.Length >= sizeof(ulong))
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Mix;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..])) * Mix;
        }
        else
        {
            foreach (var b in utf8)
            {
                hash = (hash ^ b) * Mix;
            }
        }

        return (int)(hash >> (64 - SlotBits));
    }
}

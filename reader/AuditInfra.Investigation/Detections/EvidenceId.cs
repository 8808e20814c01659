using System.Text;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// A record id held as evidence. Akamai and Kubernetes write ids as lowercase UUIDs; those are kept as two numbers
/// instead of a string: detect holds hundreds of thousands of evidence records until their detection is printed, and
/// strings that live that long are what the garbage collector spends its pauses copying. Any other id is kept as
/// its string, so every id prints exactly as delivered.
/// </summary>
public readonly struct EvidenceId : IEquatable<EvidenceId>
{
    private const int UuidLength = 36;
    private readonly ulong _high;
    private readonly ulong _low;
    private readonly string? _text;

    private EvidenceId(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    private EvidenceId(string text)
    {
        _text = text;
    }

    /// <summary>The id of an undecoded record, decoded only when it is not a lowercase UUID.</summary>
    public static EvidenceId Of(in ParsedRecord record) => TryPack(record.IdUtf8, out var id) ? id : new EvidenceId(record.Id);

    public static EvidenceId Of(string id)
    {
        Span<byte> utf8 = stackalloc byte[UuidLength];
        return id.Length == UuidLength && Encoding.UTF8.TryGetBytes(id, utf8, out var written) && written == UuidLength && TryPack(utf8, out var packed)
            ? packed
            : new EvidenceId(id);
    }

    /// <summary>The id as UTF-8 into <paramref name="destination"/> when it is held packed (36 bytes); false when it is a string.</summary>
    public bool TryFormatUtf8(Span<byte> destination, out int written)
    {
        written = 0;
        if (_text is not null || destination.Length < UuidLength)
        {
            return false;
        }

        // 8-4-4-4-12: the first 16 hex digits are the high half, the last 16 the low half.
        WriteHex(destination[..8], _high >> 32);
        destination[8] = (byte)'-';
        WriteHex(destination.Slice(9, 4), _high >> 16);
        destination[13] = (byte)'-';
        WriteHex(destination.Slice(14, 4), _high);
        destination[18] = (byte)'-';
        WriteHex(destination.Slice(19, 4), _low >> 48);
        destination[23] = (byte)'-';
        WriteHex(destination.Slice(24, 12), _low);
        written = UuidLength;
        return true;
    }

    /// <summary>Writes the id to a spill file exactly as held (packed or text); <see cref="Read"/> reads it back.</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(_text is null);
        if (_text is null)
        {
            writer.Write(_high);
            writer.Write(_low);
        }
        else
        {
            Sorting.SpillText.Write(writer, _text);
        }
    }

    internal static EvidenceId Read(BinaryReader reader) =>
        reader.ReadBoolean() ? new EvidenceId(reader.ReadUInt64(), reader.ReadUInt64()) : new EvidenceId(Sorting.SpillText.Read(reader) ?? "");

    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        Span<byte> utf8 = stackalloc byte[UuidLength];
        TryFormatUtf8(utf8, out _);
        return Encoding.UTF8.GetString(utf8);
    }

    public bool Equals(EvidenceId other) => _high == other._high && _low == other._low && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is EvidenceId other && Equals(other);

    public override int GetHashCode() => _text?.GetHashCode(StringComparison.Ordinal) ?? HashCode.Combine(_high, _low);

    public static bool operator ==(EvidenceId left, EvidenceId right) => left.Equals(right);

    public static bool operator !=(EvidenceId left, EvidenceId right) => !left.Equals(right);

    /// <summary>Only the exact lowercase form packs, so formatting gives back the same bytes.</summary>
    private static bool TryPack(ReadOnlySpan<byte> utf8, out EvidenceId id)
    {
        id = default;
        if (utf8.Length != UuidLength || utf8[8] != '-' || utf8[13] != '-' || utf8[18] != '-' || utf8[23] != '-')
        {
            return false;
        }

        ulong high = 0, low = 0;
        if (!ReadHex(utf8[..8], ref high) || !ReadHex(utf8.Slice(9, 4), ref high) || !ReadHex(utf8.Slice(14, 4), ref high) ||
            !ReadHex(utf8.Slice(19, 4), ref low) || !ReadHex(utf8.Slice(24, 12), ref low))
        {
            return false;
        }

        id = new EvidenceId(high, low);
        return true;
    }

    private static bool ReadHex(ReadOnlySpan<byte> digits, ref ulong value)
    {
        var table = HexValues;
        var invalid = 0;
        foreach (var c in digits)
        {
            var digit = table[c];
            invalid |= digit;
            value = (value << 4) | (byte)(digit & 0xF);
        }

        // Valid digits are 0..15; anything else (uppercase included) is 0xFF, which sets the high bits.
        return (invalid & 0xF0) == 0;
    }

    /// <summary>The value of each lowercase hex digit by its byte, 0xFF for every other byte.</summary>
    private static ReadOnlySpan<byte> HexValues =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 10, 11, 12, 13, 14, 15, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ];

    /// <summary>The low <c>4 × into.Length</c> bits of <paramref name="value"/> as lowercase hex.</summary>
    private static void WriteHex(Span<byte> into, ulong value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)"0123456789abcdef"u8[(int)(value & 0xF)];
            value >>= 4;
        }
    }
}

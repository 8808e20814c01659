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
        if (_text is not null || destination.Length < UuidLength)
        {
            written = 0;
            return false;
        }

        var nibble = 0;
        for (var i = 0; i < UuidLength; i++)
        {
            if (IsDash(i))
            {
                destination[i] = (byte)'-';
                continue;
            }

            var value = (int)((nibble < 16 ? _high >> (60 - (4 * nibble)) : _low >> (60 - (4 * (nibble - 16)))) & 0xF);
            destination[i] = (byte)(value < 10 ? '0' + value : 'a' + value - 10);
            nibble++;
        }

        written = UuidLength;
        return true;
    }

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

    private static bool IsDash(int index) => index is 8 or 13 or 18 or 23;

    /// <summary>Only the exact lowercase form packs, so formatting gives back the same bytes.</summary>
    private static bool TryPack(ReadOnlySpan<byte> utf8, out EvidenceId id)
    {
        id = default;
        if (utf8.Length != UuidLength)
        {
            return false;
        }

        ulong high = 0, low = 0;
        var nibble = 0;
        for (var i = 0; i < UuidLength; i++)
        {
            var c = utf8[i];
            if (IsDash(i))
            {
                if (c != '-')
                {
                    return false;
                }

                continue;
            }

            int value = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                return false;
            }

            if (nibble < 16)
            {
                high = (high << 4) | (uint)value;
            }
            else
            {
                low = (low << 4) | (uint)value;
            }

            nibble++;
        }

        id = new EvidenceId(high, low);
        return true;
    }
}

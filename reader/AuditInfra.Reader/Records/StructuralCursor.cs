using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AuditInfra.Reader.Records;

/// <summary>
/// Stage 1 of the vectorized record scan, after simdjson's (Langdale and Lemire, "Parsing Gigabytes of JSON per
/// Second", 2019): classifies a line 64 bytes at a time with 256-bit compares and byte shuffles (AVX2) and marks,
/// block by block, the byte positions of its structural characters outside strings (<c>{ } [ ] : ,</c>), of every unescaped
/// quote (each string's opening and closing one) and of the first byte of every other value (numbers,
/// <c>true</c>, <c>false</c>, <c>null</c>, and anything else that is not whitespace). Stage 2 (<see cref="RecordParser"/>'s
/// indexed scan) takes them in order and checks the grammar and every value. Blocks are classified as the walk
/// reaches them and positions are taken straight from the block's bit mask (<see cref="Bits"/>), so nothing is stored per position and
/// lines of any length are read the same way.
/// <para>
/// What stage 1 checks itself, block by block: no byte below U+0020 is inside a string, and outside strings only
/// JSON whitespace is; every backslash that starts an escape is followed by a valid escape (RFC 8259 §7:
/// <c>\" \\ \/ \b \f \n \r \t</c> or <c>\u</c> and four hex digits); at the end, no string is left open. A <c>\u</c>
/// escape of a UTF-16 surrogate is declined, like the per-token scan does, because only a full decode can tell
/// whether its other half follows. On any of these <see cref="NextBlock"/> returns false and <see cref="Complete"/> stays
/// false; the caller then takes the per-token scan, which names the fault.
/// </para>
/// </summary>
internal ref struct StructuralCursor
{
    private const int Block = 64;

    private static readonly Vector256<byte> Space = Vector256.Create((byte)' ');

    private static readonly Vector256<byte> WhitespaceTable = Vector256.Create(
        (byte)' ', 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'\t', (byte)'\n', 0xFF, 0xFF, (byte)'\r', 0xFF, 0xFF,
        (byte)' ', 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'\t', (byte)'\n', 0xFF, 0xFF, (byte)'\r', 0xFF, 0xFF);

    private static readonly Vector256<byte> OperatorTable = Vector256.Create(
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)':', (byte)'{', (byte)',', (byte)'}', 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)':', (byte)'{', (byte)',', (byte)'}', 0, 0);

    private readonly ReadOnlySpan<byte> _line;
    private ulong _bits;          // the current block's positions
    private int _block = -Block;  // where the current block starts
    private ulong _inString;      // all ones when the last block classified ended inside a string
    private ulong _escaped;       // 1 when it ended with a backslash that starts an escape
    private ulong _scalar;        // 1 when it ended inside a scalar
    private bool _declined;
    private Vector256<byte> _bytesOr;  // every byte classified so far, OR-ed: its top bit says whether one was not ASCII

    public StructuralCursor(ReadOnlySpan<byte> line)
    {
        _line = line;
    }

    /// <summary>
    /// Whether stage 1 runs here: it needs AVX2 (256-bit compares and byte shuffles). AVX-512 machines run it too; a
    /// 512-bit variant is not written, as none of the machines it was measured on has AVX-512. Elsewhere (Arm64,
    /// older x64) the per-token scan reads every line.
    /// </summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Whether a backslash was in any block classified so far (a name there may be escaped).</summary>
    public bool SawBackslash { get; private set; }

    /// <summary>
    /// Whether every byte classified so far is ASCII (below 0x80). Once the line is <see cref="Complete"/> that is the
    /// whole line, and an ASCII line is valid UTF-8 without a further pass over it.
    /// </summary>
    public readonly bool IsAscii => _bytesOr.ExtractMostSignificantBits() == 0;

    /// <summary>True once every block was classified without a fault and no string is left open.</summary>
    public readonly bool Complete => !_declined && _block + Block >= _line.Length && _inString == 0;

    /// <summary>
    /// The positions of the block classified last, as bits from its start (<see cref="BlockStart"/>). The walk copies
    /// them into a local and takes them from there: a cursor passed by reference lives in memory, and a position
    /// taken through it costs a store and a dependent load, where a local costs two register instructions.
    /// </summary>
    public readonly ulong Bits => _bits;

    /// <summary>Where the block classified last starts in the line.</summary>
    public readonly int BlockStart => _block;

    /// <summary>
    /// Classifies the next 64 bytes (<see cref="Bits"/>, <see cref="BlockStart"/>); false at the end of the line or
    /// when stage 1 declined it.
    /// </summary>
    public bool NextBlock()
    {
        if (_declined || _block + Block >= _line.Length)
        {
            return false;
        }

        _block += Block;
        Vector256<byte> lo, hi;
        if (_line.Length - _block >= Block)
        {
            ref var first = ref Unsafe.Add(ref MemoryMarshal.GetReference(_line), _block);
            lo = Vector256.LoadUnsafe(ref first);
            hi = Vector256.LoadUnsafe(ref first, 32);
        }
        else
        {
            // Returned rather than written through out parameters: a vector whose address is taken lives on the
            // stack for the whole method, and every compare below would reload it.
            (lo, hi) = LoadTail(_line[_block..]);
        }

        // Everything that needs the vectors first, so that none is live across the (rare) call for escapes.
        _bytesOr |= lo | hi;
        var quotes = Mask(lo, hi, (byte)'"');
        var backslashes = Mask(lo, hi, (byte)'\\');
        var operators = Classify(lo, hi, OperatorTable, Space);
        var whitespace = Classify(lo, hi, WhitespaceTable, Vector256<byte>.Zero);

        // Below U+0020: outside strings only whitespace (tab, line feed, carriage return), inside strings nothing.
        // Records rarely hold any, so their bits are only worked out when the block has one.
        var controlLo = Vector256.LessThan(lo, Space);
        var controlHi = Vector256.LessThan(hi, Space);
        var control = 0UL;
        if ((controlLo | controlHi) != Vector256<byte>.Zero)
        {
            control = controlLo.ExtractMostSignificantBits() | ((ulong)controlHi.ExtractMostSignificantBits() << 32);
            if ((control & ~whitespace) != 0)
            {
                return Decline();
            }
        }

        var escaped = _escaped;
        _escaped = 0;
        if (backslashes != 0)
        {
            SawBackslash = true;
            if (!MarkEscapes(_line, _block, backslashes, ref escaped, ref _escaped))
            {
                return Decline();
            }
        }

        quotes &= ~escaped;
        var inString = PrefixXor(quotes) ^ _inString;
        _inString = (ulong)((long)inString >> 63);
        if ((control & inString) != 0)
        {
            return Decline();
        }

        var scalar = ~(whitespace | operators | quotes | inString);
        _bits = (operators & ~inString) | quotes | (scalar & ~((scalar << 1) | _scalar));
        _scalar = scalar >> 63;
        return true;
    }

    private bool Decline()
    {
        _declined = true;
        _bits = 0;
        return false;
    }

    /// <summary>The last, partial block, padded with spaces: whitespace is never a position nor inside a value.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Vector256<byte> Lo, Vector256<byte> Hi) LoadTail(ReadOnlySpan<byte> rest)
    {
        Span<byte> tail = stackalloc byte[Block];
        tail.Fill((byte)' ');
        rest.CopyTo(tail);
        return (Vector256.Create<byte>(tail), Vector256.Create<byte>(tail[32..]));
    }

    /// <summary>
    /// Marks the byte after each backslash that starts an escape (one not itself escaped) and checks that escape
    /// (RFC 8259 §7). Backslashes are rare in audit records, so a loop over them costs less than the bit tricks.
    /// </summary>
    private static bool MarkEscapes(ReadOnlySpan<byte> line, int at, ulong backslashes, ref ulong escaped, ref ulong carry)
    {
        while (backslashes != 0)
        {
            var bit = BitOperations.TrailingZeroCount(backslashes);
            backslashes &= backslashes - 1;
            if ((escaped >> bit & 1) != 0)
            {
                continue; // the second of "\\"
            }

            if (!IsValidEscape(line, at + bit))
            {
                return false;
            }

            if (bit == Block - 1)
            {
                carry = 1;
            }
            else
            {
                escaped |= 1UL << (bit + 1);
            }
        }

        return true;
    }

    private static bool IsValidEscape(ReadOnlySpan<byte> line, int backslash)
    {
        if (backslash + 1 >= line.Length)
        {
            return false;
        }

        switch (line[backslash + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return true;
            case (byte)'u':
                if (backslash + 6 > line.Length || line.Slice(backslash + 2, 4).IndexOfAnyExcept(RecordParser.HexDigits) >= 0)
                {
                    return false;
                }

                // \uD800-\uDFFF: half of a surrogate pair; whether the other half follows is the per-token scan's call.
                return (line[backslash + 2] | 0x20) != (byte)'d' || RecordParser.HexValue(line[backslash + 3]) < 8;
            default:
                return false;
        }
    }

    /// <summary>
    /// Bit i is set when <c>table[byte_i &amp; 15] == (byte_i | fold)</c>: one byte shuffle (<c>vpshufb</c>, which gives 0
    /// for bytes of 0x80 and above) classifies a whole set of characters. Whitespace: the table holds each of
    /// <c>' ' \t \n \r</c> at the index of its low nibble and 0xFF elsewhere, so only those four bytes equal their entry.
    /// Operators, compared with <c>byte | 0x20</c>: <c>:</c> at 10, <c>{</c> at 11 (also <c>[</c>), <c>,</c> at 12,
    /// <c>}</c> at 13 (also <c>]</c>), 0 elsewhere (never equal, as <c>| 0x20</c> is never 0); the only other bytes that
    /// match are the control characters 0x1A and 0x0C, which stage 1 declines anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Classify(Vector256<byte> lo, Vector256<byte> hi, Vector256<byte> table, Vector256<byte> fold) =>
        Vector256.Equals(Avx2.Shuffle(table, lo), lo | fold).ExtractMostSignificantBits()
        | ((ulong)Vector256.Equals(Avx2.Shuffle(table, hi), hi | fold).ExtractMostSignificantBits() << 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector256<byte> lo, Vector256<byte> hi, byte value)
    {
        var v = Vector256.Create(value);
        return Vector256.Equals(lo, v).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(hi, v).ExtractMostSignificantBits() << 32);
    }

    /// <summary>Bit i of the result is the parity of the set bits 0..i: 1 from an opening quote up to its closing one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong x)
    {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}

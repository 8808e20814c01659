using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AuditInfra.Reader.Records;

/// <summary>
/// Stage 2 of the vectorized scan: takes the positions <see cref="StructuralCursor"/> hands out and checks the JSON
/// grammar (RFC 8259) over them, validates every number and literal, and captures the tracked fields, exactly as
/// the per-token scan (<c>TryFastScan</c>) would. Why the walk sees every byte: outside strings a byte is whitespace,
/// an operator or a quote (both of those are positions), or part of a run of other bytes whose first byte is a
/// position and which must be exactly one number or literal; stage 1 has checked what is inside strings. The walk
/// must take every position in grammar order, and quotes only in (opening, closing) pairs: nothing inside a string
/// is a position, so the one after an opening quote is its closing quote. Whatever it declines goes to the
/// per-token scan, which either accepts it or names the fault.
/// </summary>
public sealed partial class RecordParser
{
    /// <summary>
    /// The first scan tried (default <see cref="RecordScan.Indexed"/>, which hardware without AVX2 skips); tests
    /// start later ones to check that every path gives the same result.
    /// </summary>
    internal RecordScan FirstScan { get; init; }

    /// <param name="s">The line.</param>
    /// <param name="root">The tracked paths of its category.</param>
    /// <param name="ascii">When the line is accepted: whether it is all ASCII, so valid UTF-8 without another pass.</param>
    private bool TryIndexedScan(ReadOnlySpan<byte> s, FieldTrie root, out bool ascii)
    {
        ascii = false;
        if (!StructuralCursor.IsSupported)
        {
            return false;
        }

        var cursor = new StructuralCursor(s);
        var bits = 0UL;
        var p = Take(ref cursor, ref bits);
        if (p < 0 || s[p] != (byte)'{')
        {
            return false;
        }

        // One loop over the positions with the open containers on an explicit stack, rather than a method per
        // level: the block's bits stay in a register and a container costs a push, not a call. Few values live
        // across the loop (each more would push one to the stack), so the innermost object's field-trie node is
        // read from its frame where a name is looked up.
        var frames = _frames;
        var depth = 1;
        frames[1] = new Frame(root, null, p, isArray: false);
        FieldTrie? child; // the tracked path of the value being read, or null
        int valueStart;
        JsonTokenType type;
        int end;

    ObjectOpened:
        p = Take(ref cursor, ref bits);
        if (p < 0)
        {
            return false;
        }

        if (s[p] == (byte)'}')
        {
            goto Closed;
        }

    Name:
        // A name: its opening quote, then its closing one.
        if (s[p] != (byte)'"')
        {
            return false;
        }

        var close = Take(ref cursor, ref bits);
        if (close < 0 || s[close] != (byte)'"')
        {
            return false; // cannot happen (see the type's remarks); checked because the capture trusts it
        }

        child = null;
        if (frames[depth].Node is { } node)
        {
            var name = s.Slice(p + 1, close - p - 1);
            if (cursor.SawBackslash && name.Contains((byte)'\\'))
            {
                return false; // a tracked level with an escaped name: let Utf8JsonReader decode it
            }

            child = node.Find(name);
        }

        p = Take(ref cursor, ref bits);
        if (p < 0 || s[p] != (byte)':')
        {
            return false;
        }

        valueStart = Take(ref cursor, ref bits);
        if (valueStart < 0)
        {
            return false;
        }

    Value:
        end = valueStart;
        switch (s[valueStart])
        {
            case (byte)'"':
                var closing = Take(ref cursor, ref bits);
                if (closing < 0 || s[closing] != (byte)'"')
                {
                    return false;
                }

                type = JsonTokenType.String;
                end = closing + 1;
                goto Scalar;
            case (byte)'{':
                if (++depth > _maxDepth)
                {
                    return false;
                }

                frames[depth] = new Frame(child is { HasChildren: true } ? child : null, child, valueStart, isArray: false);
                goto ObjectOpened;
            case (byte)'[':
                if (++depth > _maxDepth)
                {
                    return false;
                }

                frames[depth] = new Frame(null, child, valueStart, isArray: true);
                p = Take(ref cursor, ref bits);
                if (p < 0)
                {
                    return false;
                }

                if (s[p] == (byte)']')
                {
                    goto Closed;
                }

                child = null;
                valueStart = p;
                goto Value;
            case (byte)'t':
                type = JsonTokenType.True;
                if (!ScanLiteral(s, ref end, "true"u8))
                {
                    return false;
                }

                break;
            case (byte)'f':
                type = JsonTokenType.False;
                if (!ScanLiteral(s, ref end, "false"u8))
                {
                    return false;
                }

                break;
            case (byte)'n':
                type = JsonTokenType.Null;
                if (!ScanLiteral(s, ref end, "null"u8))
                {
                    return false;
                }

                break;
            default:
                // Also an operator where a value belongs (":", ",", "}", "]"): not a number either.
                type = JsonTokenType.Number;
                if (!ScanNumber(s, ref end))
                {
                    return false;
                }

                break;
        }

        // The scalar must be the whole run of non-structural bytes that starts here ("truex", "1.2.3", "1\" fail).
        if (end < s.Length && s[end] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':'
            or (byte)'}' or (byte)']' or (byte)'{' or (byte)'[' or (byte)'"'))
        {
            return false;
        }

    Scalar:
        if (child is not null && !Capture(child, valueStart, end - valueStart, type))
        {
            return false; // a repeated name: the reader's scan names it
        }

    Next:
        // After a value: a comma and the next member, or the end of the innermost container.
        p = Take(ref cursor, ref bits);
        if (p < 0)
        {
            return false;
        }

        if (frames[depth].IsArray)
        {
            if (s[p] == (byte)']')
            {
                goto Closed;
            }

            if (s[p] != (byte)',')
            {
                return false;
            }

            valueStart = Take(ref cursor, ref bits);
            if (valueStart < 0)
            {
                return false;
            }

            child = null;
            goto Value;
        }

        if (s[p] == (byte)'}')
        {
            goto Closed;
        }

        if (s[p] != (byte)',')
        {
            return false;
        }

        p = Take(ref cursor, ref bits);
        if (p < 0)
        {
            return false;
        }

        goto Name;

    Closed:
        // p is the closing bracket of the innermost container, of its kind (checked where it was taken).
        ref var frame = ref frames[depth];
        if (frame.Capture is not null
            && !Capture(frame.Capture, frame.Start, p + 1 - frame.Start, frame.IsArray ? JsonTokenType.StartArray : JsonTokenType.StartObject))
        {
            return false;
        }

        if (--depth > 0)
        {
            goto Next;
        }

        if (Take(ref cursor, ref bits) >= 0 || !cursor.Complete)
        {
            return false;
        }

        ascii = cursor.IsAscii;
        return true;
    }

    /// <summary>
    /// The next position, or -1 at the end of the line or when stage 1 declined it. <paramref name="bits"/> is the
    /// walk's own local (see <see cref="StructuralCursor.Bits"/>); where the block starts is read from the cursor,
    /// as it is not on the chain from one position to the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Take(ref StructuralCursor cursor, ref ulong bits)
    {
        while (bits == 0)
        {
            if (!cursor.NextBlock())
            {
                return -1;
            }

            bits = cursor.Bits;
        }

        var position = cursor.BlockStart + BitOperations.TrailingZeroCount(bits);
        bits &= bits - 1;
        return position;
    }

    /// <summary>An open container of the indexed walk.</summary>
    /// <param name="node">Where its names are looked up: a tracked object's field-trie node, else null.</param>
    /// <param name="capture">The tracked path it is the value of, captured when it closes, or null.</param>
    /// <param name="start">Its opening bracket.</param>
    /// <param name="isArray">An array (values only) rather than an object (names and values).</param>
    private readonly struct Frame(FieldTrie? node, FieldTrie? capture, int start, bool isArray)
    {
        public FieldTrie? Node { get; } = node;

        public FieldTrie? Capture { get; } = capture;

        public int Start { get; } = start;

        public bool IsArray { get; } = isArray;
    }
}

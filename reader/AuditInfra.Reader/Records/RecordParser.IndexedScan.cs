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

    private bool TryIndexedScan(ReadOnlySpan<byte> s, FieldTrie root)
    {
        if (!StructuralCursor.IsSupported)
        {
            return false;
        }

        var cursor = new StructuralCursor(s);
        var first = cursor.Next();
        return first >= 0 && s[first] == (byte)'{' && IndexedObject(s, ref cursor, root, 1, out _) && cursor.Next() < 0 && cursor.Complete;
    }

    /// <summary>An object whose opening brace was the last position taken; <paramref name="end"/> is just past its closing one.</summary>
    private bool IndexedObject(ReadOnlySpan<byte> s, ref StructuralCursor cursor, FieldTrie? node, int depth, out int end)
    {
        end = 0;
        if (depth > _maxDepth)
        {
            return false;
        }

        var p = cursor.Next();
        if (p >= 0 && s[p] == (byte)'}')
        {
            end = p + 1;
            return true;
        }

        while (true)
        {
            // A name: its opening quote, then its closing one.
            if (p < 0 || s[p] != (byte)'"')
            {
                return false;
            }

            var close = cursor.Next();
            if (close < 0 || s[close] != (byte)'"')
            {
                return false; // cannot happen (see the type's remarks); checked because the capture trusts it
            }

            FieldTrie? child = null;
            if (node is not null)
            {
                var name = s.Slice(p + 1, close - p - 1);
                if (cursor.SawBackslash && name.Contains((byte)'\\'))
                {
                    return false; // a tracked level with an escaped name: let Utf8JsonReader decode it
                }

                child = node.Find(name);
            }

            p = cursor.Next();
            if (p < 0 || s[p] != (byte)':')
            {
                return false;
            }

            var valueStart = cursor.Next();
            if (valueStart < 0 || !IndexedValue(s, ref cursor, valueStart, child is { HasChildren: true } ? child : null, depth, out var type, out var valueEnd))
            {
                return false;
            }

            if (child is not null && !Capture(child, valueStart, valueEnd - valueStart, type))
            {
                return false; // a repeated name: the reader's scan names it
            }

            p = cursor.Next();
            if (p < 0)
            {
                return false;
            }

            if (s[p] == (byte)'}')
            {
                end = p + 1;
                return true;
            }

            if (s[p] != (byte)',')
            {
                return false;
            }

            p = cursor.Next();
        }
    }

    /// <summary>An array whose opening bracket was the last position taken; <paramref name="end"/> is just past its closing one.</summary>
    private bool IndexedArray(ReadOnlySpan<byte> s, ref StructuralCursor cursor, int depth, out int end)
    {
        end = 0;
        if (depth > _maxDepth)
        {
            return false;
        }

        var p = cursor.Next();
        if (p >= 0 && s[p] == (byte)']')
        {
            end = p + 1;
            return true;
        }

        while (true)
        {
            if (p < 0 || !IndexedValue(s, ref cursor, p, null, depth, out _, out _))
            {
                return false;
            }

            p = cursor.Next();
            if (p < 0)
            {
                return false;
            }

            if (s[p] == (byte)']')
            {
                end = p + 1;
                return true;
            }

            if (s[p] != (byte)',')
            {
                return false;
            }

            p = cursor.Next();
        }
    }

    /// <summary>The value whose first byte is <paramref name="start"/>, the last position taken; <paramref name="end"/> is just after its last byte.</summary>
    private bool IndexedValue(ReadOnlySpan<byte> s, ref StructuralCursor cursor, int start, FieldTrie? node, int depth, out JsonTokenType type, out int end)
    {
        end = start;
        bool ok;
        switch (s[start])
        {
            case (byte)'"':
                type = JsonTokenType.String;
                var close = cursor.Next();
                end = close + 1;
                return close >= 0 && s[close] == (byte)'"';
            case (byte)'{':
                type = JsonTokenType.StartObject;
                return IndexedObject(s, ref cursor, node, depth + 1, out end);
            case (byte)'[':
                type = JsonTokenType.StartArray;
                return IndexedArray(s, ref cursor, depth + 1, out end);
            case (byte)'t':
                type = JsonTokenType.True;
                ok = ScanLiteral(s, ref end, "true"u8);
                break;
            case (byte)'f':
                type = JsonTokenType.False;
                ok = ScanLiteral(s, ref end, "false"u8);
                break;
            case (byte)'n':
                type = JsonTokenType.Null;
                ok = ScanLiteral(s, ref end, "null"u8);
                break;
            default:
                // Also an operator where a value belongs (":", ",", "}", "]"): not a number either.
                type = JsonTokenType.Number;
                ok = ScanNumber(s, ref end);
                break;
        }

        // The scalar must be the whole run of non-structural bytes that starts here ("truex", "1.2.3", "1\" fail).
        return ok && (end == s.Length || s[end] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':'
            or (byte)'}' or (byte)']' or (byte)'{' or (byte)'[' or (byte)'"');
    }
}

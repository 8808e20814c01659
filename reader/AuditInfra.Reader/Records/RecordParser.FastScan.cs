using System.Buffers;
using System.Text.Json;

namespace AuditInfra.Reader.Records;

/// <summary>
/// The hot path: a validating single-pass JSON scan over the line's bytes that captures the tracked fields.
/// Strings — most of a record — are crossed with vectorized searches instead of token by token. It accepts exactly
/// RFC 8259 JSON; on anything it rejects (or an escaped name on a tracked path, which it does not decode), the
/// parser re-reads the line with <see cref="Utf8JsonReader"/>, which either accepts it or says precisely what is wrong.
/// </summary>
public sealed partial class RecordParser
{
    private static readonly SearchValues<byte> StringStops = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);
    internal static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>The per-token scan, after the indexed one declined the line (its captures cleared first).</summary>
    private bool TryFastScanAfresh(ReadOnlySpan<byte> s, FieldTrie root)
    {
        ClearCaptures();
        LastScan = RecordScan.PerToken;
        return TryFastScan(s, root);
    }

    private bool TryFastScan(ReadOnlySpan<byte> s, FieldTrie root)
    {
        var pos = SkipWhitespace(s, 0);
        if (pos >= s.Length || s[pos] != (byte)'{' || !ScanObject(s, ref pos, root, 1))
        {
            return false;
        }

        return SkipWhitespace(s, pos) == s.Length;
    }

    private bool ScanObject(ReadOnlySpan<byte> s, ref int pos, FieldTrie? node, int depth)
    {
        if (depth > _maxDepth)
        {
            return false;
        }

        pos = SkipWhitespace(s, pos + 1);
        if (pos < s.Length && s[pos] == (byte)'}')
        {
            pos++;
            return true;
        }

        while (true)
        {
            if (pos >= s.Length || s[pos] != (byte)'"')
            {
                return false;
            }

            var nameStart = pos + 1;
            if (!ScanString(s, ref pos, out var escaped))
            {
                return false;
            }

            FieldTrie? child = null;
            if (node is not null)
            {
                if (escaped)
                {
                    return false; // a tracked level with an escaped name: let Utf8JsonReader decode it
                }

                child = node.Find(s[nameStart..(pos - 1)]);
            }

            pos = SkipWhitespace(s, pos);
            if (pos >= s.Length || s[pos] != (byte)':')
            {
                return false;
            }

            pos = SkipWhitespace(s, pos + 1);
            var valueStart = pos;
            if (!ScanValue(s, ref pos, child is { HasChildren: true } ? child : null, depth, out var type))
            {
                return false;
            }

            if (child is not null && !Capture(child, valueStart, pos - valueStart, type))
            {
                return false; // a repeated name: the reader's scan names it
            }

            pos = SkipWhitespace(s, pos);
            if (pos >= s.Length)
            {
                return false;
            }

            if (s[pos] == (byte)'}')
            {
                pos++;
                return true;
            }

            if (s[pos] != (byte)',')
            {
                return false;
            }

            pos = SkipWhitespace(s, pos + 1);
        }
    }

    private bool ScanValue(ReadOnlySpan<byte> s, ref int pos, FieldTrie? node, int depth, out JsonTokenType type)
    {
        type = JsonTokenType.None;
        if (pos >= s.Length)
        {
            return false;
        }

        switch (s[pos])
        {
            case (byte)'"':
                type = JsonTokenType.String;
                return ScanString(s, ref pos, out _);
            case (byte)'{':
                type = JsonTokenType.StartObject;
                return ScanObject(s, ref pos, node, depth + 1);
            case (byte)'[':
                type = JsonTokenType.StartArray;
                return ScanArray(s, ref pos, depth + 1);
            case (byte)'t':
                type = JsonTokenType.True;
                return ScanLiteral(s, ref pos, "true"u8);
            case (byte)'f':
                type = JsonTokenType.False;
                return ScanLiteral(s, ref pos, "false"u8);
            case (byte)'n':
                type = JsonTokenType.Null;
                return ScanLiteral(s, ref pos, "null"u8);
            default:
                type = JsonTokenType.Number;
                return ScanNumber(s, ref pos);
        }
    }

    private bool ScanArray(ReadOnlySpan<byte> s, ref int pos, int depth)
    {
        if (depth > _maxDepth)
        {
            return false;
        }

        pos = SkipWhitespace(s, pos + 1);
        if (pos < s.Length && s[pos] == (byte)']')
        {
            pos++;
            return true;
        }

        while (true)
        {
            if (!ScanValue(s, ref pos, null, depth, out _))
            {
                return false;
            }

            pos = SkipWhitespace(s, pos);
            if (pos >= s.Length)
            {
                return false;
            }

            if (s[pos] == (byte)']')
            {
                pos++;
                return true;
            }

            if (s[pos] != (byte)',')
            {
                return false;
            }

            pos = SkipWhitespace(s, pos + 1);
        }
    }

    /// <summary>From the opening quote to just past the closing one; control characters and bad escapes fail.</summary>
    private static bool ScanString(ReadOnlySpan<byte> s, ref int pos, out bool escaped)
    {
        escaped = false;
        var i = pos + 1;
        while (true)
        {
            // One vectorized pass finds the closing quote, an escape, or a control character (invalid in a string).
            var stop = s[i..].IndexOfAny(StringStops);
            if (stop < 0)
            {
                return false;
            }

            i += stop;
            if (s[i] == (byte)'"')
            {
                pos = i + 1;
                return true;
            }

            if (s[i] < 0x20)
            {
                return false;
            }

            escaped = true;
            if (i + 1 >= s.Length)
            {
                return false;
            }

            switch (s[i + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i += 2;
                    break;
                case (byte)'u':
                    if (i + 6 > s.Length || s.Slice(i + 2, 4).IndexOfAnyExcept(HexDigits) >= 0)
                    {
                        return false;
                    }

                    // A surrogate escape (\uD800-\uDFFF) may lack its other half: the full scan decides.
                    if ((s[i + 2] | 0x20) == (byte)'d' && HexValue(s[i + 3]) >= 8)
                    {
                        return false;
                    }

                    i += 6;
                    break;
                default:
                    return false;
            }
        }
    }

    private static bool ScanNumber(ReadOnlySpan<byte> s, ref int pos)
    {
        var i = pos;
        if (i < s.Length && s[i] == (byte)'-')
        {
            i++;
        }

        if (i >= s.Length || !char.IsAsciiDigit((char)s[i]))
        {
            return false;
        }

        if (s[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            i = Digits(s, i);
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            var after = Digits(s, i + 1);
            if (after == i + 1)
            {
                return false;
            }

            i = after;
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var after = Digits(s, i);
            if (after == i)
            {
                return false;
            }

            i = after;
        }

        pos = i;
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> s, int i)
    {
        // A byte at a time: record numbers are a few digits long (ids, codes), shorter than a vectorized search's setup.
        while (i < s.Length && char.IsAsciiDigit((char)s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool ScanLiteral(ReadOnlySpan<byte> s, ref int pos, ReadOnlySpan<byte> literal)
    {
        if (!s[pos..].StartsWith(literal))
        {
            return false;
        }

        pos += literal.Length;
        return true;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length && s[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        return pos;
    }

    internal static int HexValue(byte digit) => digit <= (byte)'9' ? digit - '0' : (digit | 0x20) - 'a' + 10;
}

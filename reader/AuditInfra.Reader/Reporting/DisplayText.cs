using System.Buffers;
using System.Text;

namespace AuditInfra.Reader.Reporting;

/// <summary>
/// The one escaping every human-readable writer (tables, text reports, stderr lines) applies to text that came
/// from a delivery: user names, user agents, labels, event codes, object keys, parser messages quoting a value.
/// Whoever made a request chose those, an attacker at the sign-in form included, so none of them may reach a
/// terminal raw: a C0 control (U+0000–U+001F, which holds newline and ESC), DEL and the C1 controls
/// (U+007F–U+009F), the line and paragraph separators (U+2028, U+2029) and the bidirectional formatting
/// characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069; the "Trojan Source" characters, CVE-2021-42574)
/// are written as <c>\uXXXX</c>, visibly, so one value stays on one line and reads in its stored order.
/// JSON and CSV writers do not use this: they keep the exact value and escape it by their own format's rules.
/// A backslash is left as it is, so a <c>DOMAIN\user</c> reads as typed; a literal <c>\u001b</c> in a value
/// therefore looks like an escaped ESC, which misleads no terminal.
/// </summary>
public static class DisplayText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        string.Concat(
            new string(Enumerable.Range(0, 0x20).Select(c => (char)c).ToArray()),
            new string(Enumerable.Range(0x7F, 0x21).Select(c => (char)c).ToArray()),
            "\u061C\u200E\u200F\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"));

    /// <summary>True when <paramref name="value"/> holds a character <see cref="Escape(string)"/> would rewrite.</summary>
    public static bool NeedsEscape(ReadOnlySpan<char> value) => value.IndexOfAny(Unsafe) >= 0;

    /// <summary>The value with every unsafe character as <c>\uXXXX</c>; the same instance when there is none (no allocation).</summary>
    public static string Escape(string value)
    {
        var first = value.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 16);
        text.Append(value, 0, first);
        foreach (var c in value.AsSpan(first))
        {
            if (Unsafe.Contains(c))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary><see cref="Escape(string)"/> that passes null through.</summary>
    public static string? EscapeOrNull(string? value) => value is null ? null : Escape(value);
}

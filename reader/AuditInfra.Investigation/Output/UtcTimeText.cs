using System.Numerics;
using System.Text.Json;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// The one timestamp text of every output: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> in UTC, milliseconds truncated. Written
/// digit by digit, as characters or as UTF-8 bytes: a custom format string is parsed again on every call, and an
/// export prints millions of timestamps.
/// </summary>
public static class UtcTimeText
{
    public const int Length = 24;

    public static string Format(DateTimeOffset time) => string.Create(Length, time, static (chars, t) => Write(chars, t));

    /// <summary>The text as a JSON string property, from a stack buffer (no string).</summary>
    public static void WriteString(Utf8JsonWriter json, JsonEncodedText name, DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[Length];
        Write(text, time);
        json.WriteString(name, text);
    }

    /// <param name="into">At least <see cref="Length"/> characters (<c>char</c>) or bytes (<c>byte</c>, UTF-8).</param>
    public static void Write<T>(Span<T> into, DateTimeOffset time)
        where T : unmanaged, IBinaryInteger<T>
    {
        var t = time.UtcDateTime;
        ReadOnlySpan<int> parts = [t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, t.Millisecond];
        ReadOnlySpan<int> widths = [4, 2, 2, 2, 2, 2, 3];
        // Each part is followed by its separator; the last by the zone.
        const string separators = "--T::.Z";
        var at = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            Digits(into.Slice(at, widths[i]), parts[i]);
            at += widths[i];
            into[at++] = T.CreateTruncating(separators[i]);
        }
    }

    private static void Digits<T>(Span<T> into, int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = T.CreateTruncating('0' + (value % 10));
            value /= 10;
        }
    }
}

using System.Numerics;
using System.Text.Json;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// The one timestamp text of every output: <c>yyyy-MM-ddTHH:mm:ss.fff[ffff]Z</c> in UTC, keeping the record's
/// precision: at least milliseconds, and as many further digits as the time holds, up to 100 ns (the finest a
/// <see cref="DateTimeOffset"/> holds; Kubernetes <c>MicroTime</c> is microseconds, so a Kubernetes time prints all six
/// digits, and a CloudEvents time in milliseconds prints three). Trailing zeros past the millisecond are dropped, so
/// the text parses back to the same instant. Written digit by digit, as characters or as UTF-8 bytes: a custom
/// format string is parsed again on every call, and an export prints millions of timestamps.
/// </summary>
public static class UtcTimeText
{
    /// <summary>The longest text: seven fractional digits.</summary>
    public const int MaxLength = 28;

    public static string Format(DateTimeOffset time)
    {
        Span<char> text = stackalloc char[MaxLength];
        return new string(text[..Write(text, time)]);
    }

    /// <summary>The text as a JSON string property, from a stack buffer (no string).</summary>
    public static void WriteString(Utf8JsonWriter json, JsonEncodedText name, DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        json.WriteString(name, text[..Write(text, time)]);
    }

    /// <param name="into">At least <see cref="MaxLength"/> characters (<c>char</c>) or bytes (<c>byte</c>, UTF-8).</param>
    /// <returns>How many were written (24 to 28).</returns>
    public static int Write<T>(Span<T> into, DateTimeOffset time)
        where T : unmanaged, IBinaryInteger<T>
    {
        var t = time.UtcDateTime;
        Digits(into[..4], t.Year);
        into[4] = T.CreateTruncating('-');
        Digits(into.Slice(5, 2), t.Month);
        into[7] = T.CreateTruncating('-');
        Digits(into.Slice(8, 2), t.Day);
        into[10] = T.CreateTruncating('T');
        Digits(into.Slice(11, 2), t.Hour);
        into[13] = T.CreateTruncating(':');
        Digits(into.Slice(14, 2), t.Minute);
        into[16] = T.CreateTruncating(':');
        Digits(into.Slice(17, 2), t.Second);
        into[19] = T.CreateTruncating('.');
        // The fraction of the second in 100 ns ticks: seven digits, of which the last four are printed only as far
        // as they are not zero.
        var fraction = (int)(t.Ticks % TimeSpan.TicksPerSecond);
        var digits = 7;
        for (var rest = fraction; digits > 3 && rest % 10 == 0; rest /= 10)
        {
            digits--;
        }

        var scaled = fraction;
        for (var d = digits; d < 7; d++)
        {
            scaled /= 10;
        }

        Digits(into.Slice(20, digits), scaled);
        into[20 + digits] = T.CreateTruncating('Z');
        return 21 + digits;
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

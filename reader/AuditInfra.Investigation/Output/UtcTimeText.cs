using System.Numerics;

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

    /// <param name="into">At least <see cref="Length"/> characters (<c>char</c>) or bytes (<c>byte</c>, UTF-8).</param>
    public static void Write<T>(Span<T> into, DateTimeOffset time)
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
        Digits(into.Slice(20, 3), t.Millisecond);
        into[23] = T.CreateTruncating('Z');
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

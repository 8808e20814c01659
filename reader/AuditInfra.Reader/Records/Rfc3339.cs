namespace AuditInfra.Reader.Records;

/// <summary>
/// Parses the RFC 3339 timestamps audit records carry (<c>2026-11-01T10:00:00.123456Z</c>, offsets too) straight
/// from UTF-8 — the form nearly every record uses, several times faster than a general ISO 8601 parser.
/// A leap second (<c>23:59:60</c>, RFC 3339 §5.6 <c>time-second</c> up to 60) is valid; .NET has no such second,
/// so it reads as the last tick of second 59 (it stays within its minute and day).
/// </summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] | 0x20) != 't' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Number(s, 0, 4, out var year) || !Number(s, 5, 2, out var month) || !Number(s, 8, 2, out var day) ||
            !Number(s, 11, 2, out var hour) || !Number(s, 14, 2, out var minute) || !Number(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long ticks = 0;
        if (s[i] == '.')
        {
            var digits = 0;
            for (i++; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++, digits++)
            {
                if (digits < 7)
                {
                    ticks = (ticks * 10) + (s[i] - '0');
                }
            }

            if (digits == 0)
            {
                return false;
            }

            for (var d = Math.Min(digits, 7); d < 7; d++)
            {
                ticks *= 10;
            }
        }

        TimeSpan offset;
        if (i == s.Length - 1 && (s[i] | 0x20) == 'z')
        {
            offset = TimeSpan.Zero;
        }
        else if (i == s.Length - 6 && s[i] is (byte)'+' or (byte)'-' && s[i + 3] == ':' && Number(s, i + 1, 2, out var oh) && Number(s, i + 4, 2, out var om) && oh < 24 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0);
            if (s[i] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (second == 60)
        {
            second = 59;
            ticks = TimeSpan.TicksPerSecond - 1;
        }

        // The ticks are summed here rather than through DateTimeOffset's constructor and AddTicks, which validate and
        // convert each part again (this runs for nearly every record).
        var days = DaysBefore(year) + DaysBeforeMonth[month - 1] + (month > 2 && DateTime.IsLeapYear(year) ? 1 : 0) + day - 1;
        var local = (days * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + ticks;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false; // an instant before year 1 or after 9999 in UTC, which .NET cannot hold
        }

        // RFC 3339 allows offsets up to ±23:59; DateTimeOffset holds ±14:00 at most (the widest in use), so beyond
        // that the same instant is kept in UTC rather than thrown out of the parser.
        value = offset.Duration() <= MaxOffset ? new DateTimeOffset(local, offset) : new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    private static ReadOnlySpan<int> DaysBeforeMonth => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

    /// <summary>Days from 0001-01-01 to January 1 of <paramref name="year"/> in the proleptic Gregorian calendar (DateTime's).</summary>
    private static long DaysBefore(int year)
    {
        var y = year - 1;
        return (y * 365L) + (y / 4) - (y / 100) + (y / 400);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Number(ReadOnlySpan<byte> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}

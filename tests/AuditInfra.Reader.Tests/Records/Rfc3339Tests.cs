using System.Globalization;
using System.Text;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Tests.Records;

/// <summary>
/// The RFC 3339 parser's UTC path (its ticks summed directly) gives the instant .NET's calendar gives, over the whole
/// range of four-digit years, every month end and leap day, and every fraction length; invalid dates stay invalid.
/// </summary>
public class Rfc3339Tests
{
    [Fact]
    public void Utc_times_read_as_the_calendar_says_over_the_whole_range()
    {
        var random = new Random(3339);
        for (var n = 0; n < 20_000; n++)
        {
            var year = n switch { 0 => 1, 1 => 9999, 2 => 2000, 3 => 1900, _ => random.Next(1, 10_000) };
            var month = random.Next(1, 13);
            var day = n % 3 == 0 ? DateTime.DaysInMonth(year, month) : random.Next(1, DateTime.DaysInMonth(year, month) + 1);
            var (hour, minute, second) = (random.Next(24), random.Next(60), random.Next(60));
            var digits = random.Next(0, 10);
            var fraction = digits == 0 ? "" : "." + string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var zone = (n % 4) switch { 0 => "Z", 1 => "z", 2 => "+00:00", _ => "-00:00" };
            var text = $"{year:D4}-{month:D2}-{day:D2}{(n % 5 == 0 ? 't' : 'T')}{hour:D2}:{minute:D2}:{second:D2}{fraction}{zone}";

            var fractionTicks = digits == 0 ? 0 : long.Parse(fraction[1..].PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
            var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(fractionTicks);
            Assert.True(Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out var value), text);
            Assert.Equal(expected, value);
            Assert.Equal(TimeSpan.Zero, value.Offset);
        }
    }

    [Theory]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2100-02-29T00:00:00Z")]
    [InlineData("2026-04-31T00:00:00Z")]
    [InlineData("2026-00-10T00:00:00Z")]
    [InlineData("2026-13-10T00:00:00Z")]
    [InlineData("2026-01-00T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    [InlineData("2026-01-01T00:60:00Z")]
    [InlineData("2026-01-01T00:00:61Z")]
    [InlineData("2026-01-01T00:00:00.Z")]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01T00:00:00ZZ")]
    [InlineData("2026-01-01 00:00:00Z")]
    [InlineData("2026-1-01T00:00:00Z")]
    public void Invalid_times_are_rejected(string text) => Assert.False(Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Leap_days_and_offsets_keep_their_meaning()
    {
        Assert.True(Rfc3339.TryParse("2024-02-29T23:59:59.9999999Z"u8, out var leapDay));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), leapDay);
        Assert.True(Rfc3339.TryParse("2026-11-01T10:00:00.5+09:30"u8, out var offset));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 30, 0, TimeSpan.Zero).AddMilliseconds(500), offset);
        Assert.Equal(TimeSpan.FromMinutes(570), offset.Offset);
    }

    [Fact]
    public void Offsets_beyond_what_net_holds_keep_their_instant_and_out_of_range_instants_are_refused()
    {
        // RFC 3339 allows ±23:59; DateTimeOffset only ±14:00, and threw out of the parser (found by hand).
        Assert.True(Rfc3339.TryParse("2026-01-01T00:00:00+15:00"u8, out var east));
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 9, 0, 0, TimeSpan.Zero), east);
        Assert.True(Rfc3339.TryParse("2026-01-01T00:00:00.25-23:59"u8, out var west));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 23, 59, 0, TimeSpan.Zero).AddMilliseconds(250), west);
        Assert.True(Rfc3339.TryParse("2026-01-01T00:00:00+14:00"u8, out var widest));
        Assert.Equal(TimeSpan.FromHours(14), widest.Offset);
        Assert.True(Rfc3339.TryParse("2026-01-01T00:00:00-14:00"u8, out widest));
        Assert.Equal(TimeSpan.FromHours(-14), widest.Offset);

        // Instants before year 1 or after 9999 in UTC cannot be held: not a time (no exception).
        Assert.False(Rfc3339.TryParse("0001-01-01T00:00:00+01:00"u8, out _));
        Assert.False(Rfc3339.TryParse("9999-12-31T23:59:59-01:00"u8, out _));
        Assert.True(Rfc3339.TryParse("0001-01-01T00:00:00Z"u8, out var first));
        Assert.Equal(DateTimeOffset.MinValue, first);
        Assert.True(Rfc3339.TryParse("9999-12-31T23:59:59.9999999Z"u8, out var last));
        Assert.Equal(DateTimeOffset.MaxValue, last);
    }
}

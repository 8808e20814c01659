using System.Globalization;

namespace AuditInfra.Investigation.Filters;

/// <summary>
/// The time window of a command: <see cref="Start"/> inclusive, <see cref="End"/> exclusive, and the UTC day
/// partitions that can hold records in it (what the walker lists, and nothing more).
/// </summary>
public sealed record TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public DateOnly FirstDay => DateOnly.FromDateTime(Start.UtcDateTime);

    public DateOnly LastDay => DateOnly.FromDateTime(End.UtcDateTime.AddTicks(-1));

    public bool Contains(DateTimeOffset time) => time >= Start && time < End;

    /// <summary>Parses <c>--from</c>/<c>--to</c>; a missing <c>--to</c> means the end of today (UTC).</summary>
    public static TimeRange Parse(string? from, string? to, TimeProvider clock, string fromFlag = "--from", string toFlag = "--to")
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            throw new InvestigationException($"{fromFlag} is required (a date like 2026-11-01 or an instant like 2026-11-01T08:00:00Z)");
        }

        var start = ParseBound(from, fromFlag, endOfDay: false);
        var end = string.IsNullOrWhiteSpace(to)
            ? new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero)
            : ParseBound(to, toFlag, endOfDay: true);
        if (end <= start)
        {
            throw new InvestigationException($"{fromFlag} {from} is after {toFlag} {to}: the range is empty");
        }

        return new TimeRange(start, end);
    }

    /// <summary>A date means a whole day: as a start its midnight, as an end the next midnight.</summary>
    public static DateTimeOffset ParseBound(string text, string flag, bool endOfDay)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new InvestigationException($"{flag} '{text}' is not a date (YYYY-MM-DD) or an ISO 8601 instant (2026-11-01T08:00:00Z)");
    }
}

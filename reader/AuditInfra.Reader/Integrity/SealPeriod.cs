using System.Globalization;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Integrity;

/// <summary>How long one sealed period is: an UTC hour (the default, like CloudTrail's hourly digests) or an UTC day.</summary>
public enum PeriodLength
{
    Hour,
    Day,
}

/// <summary>
/// One sealed period: a UTC start and a length. A delivery object belongs to the period its key names: the day of its
/// folder and, for hours, the hour of the unix timestamp in its file name (clamped into that day, so every object of a
/// period lies in one day folder and both <c>seal</c> and <c>verify</c> assign it the same way from the key alone).
/// </summary>
public readonly record struct SealPeriod(DateTimeOffset Start, PeriodLength Length)
{
    /// <summary>The first instant after the period.</summary>
    public DateTimeOffset End => Length == PeriodLength.Hour ? Start.AddHours(1) : Start.AddDays(1);

    public DateOnly Day => DateOnly.FromDateTime(Start.UtcDateTime);

    /// <summary><c>2026-11-01T05</c> for an hour, <c>2026-11-01</c> for a day: what keys and reports show.</summary>
    public string Label => Length == PeriodLength.Hour
        ? Start.ToString("yyyy'-'MM'-'dd'T'HH", CultureInfo.InvariantCulture)
        : Start.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    public static string Name(PeriodLength length) => length == PeriodLength.Hour ? "hour" : "day";

    public static PeriodLength? ParseLength(string? text) => text?.ToLowerInvariant() switch
    {
        "hour" => PeriodLength.Hour,
        "day" => PeriodLength.Day,
        _ => null,
    };

    /// <summary>The period a delivery key belongs to (see the type's remarks).</summary>
    public static SealPeriod Of(DeliveryKey key, PeriodLength length)
    {
        var dayStart = StartOfDay(key.Day!.Value);
        if (length == PeriodLength.Day)
        {
            return new SealPeriod(dayStart, length);
        }

        var written = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(key.FileTimestamp ?? 0, 0, 253402300799));
        var hour = written < dayStart ? 0 : written >= dayStart.AddDays(1) ? 23 : written.Hour;
        return new SealPeriod(dayStart.AddHours(hour), length);
    }

    /// <summary>Every period that starts on the days <paramref name="from"/>..<paramref name="to"/> (inclusive).</summary>
    public static IEnumerable<SealPeriod> InDays(DateOnly from, DateOnly to, PeriodLength length)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var start = StartOfDay(day);
            if (length == PeriodLength.Day)
            {
                yield return new SealPeriod(start, length);
                continue;
            }

            for (var h = 0; h < 24; h++)
            {
                yield return new SealPeriod(start.AddHours(h), length);
            }
        }
    }

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public override string ToString() => Label;
}

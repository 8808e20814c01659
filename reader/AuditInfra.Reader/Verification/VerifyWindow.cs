using System.Globalization;

namespace AuditInfra.Reader.Verification;

/// <summary>
/// The part of a requested day range that can be verified now. Days after today (UTC) have not happened: they are
/// not read and not findings. Today is still being delivered (a batch arrives minutes after its records), so it is
/// read, but only the days before it are settled enough for <c>missing_day</c>.
/// </summary>
/// <param name="ReadTo">The last day to read: the range's end clamped at today; null when the whole range is after today.</param>
/// <param name="LastSettledDay">The last day whose absence is a finding (at most yesterday); null when none is.</param>
/// <param name="Notes">One sentence per adjustment, for the report.</param>
public sealed record VerifyWindow(DateOnly? ReadTo, DateOnly? LastSettledDay, IReadOnlyList<string> Notes)
{
    /// <param name="from">First requested day.</param>
    /// <param name="to">Last requested day (inclusive, not before <paramref name="from"/>).</param>
    /// <param name="now">The current instant; its UTC date is today.</param>
    public static VerifyWindow Clamp(DateOnly from, DateOnly to, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var at = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
        var notes = new List<string>();
        if (from > today)
        {
            notes.Add($"the whole range {Days(from, to)} is after today ({at}): nothing has been delivered for it yet, so nothing was read (an empty range)");
            return new VerifyWindow(null, null, notes);
        }

        var readTo = to > today ? today : to;
        if (to >= today)
        {
            notes.Add($"{today:yyyy-MM-dd} is today ({at}) and still being delivered: it was read, but a missing object for it is no finding");
        }

        if (to > today)
        {
            notes.Add($"{Days(today.AddDays(1), to)} {(to == today.AddDays(1) ? "is" : "are")} in the future: not read and no finding");
        }

        var settled = readTo < today ? readTo : today.AddDays(-1);
        return new VerifyWindow(readTo, settled >= from ? settled : null, notes);
    }

    private static string Days(DateOnly first, DateOnly last) =>
        first == last ? first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}";
}

namespace AuditInfra.Reader.Reading;

/// <summary>
/// Which UTC day folders can hold the records of a time range. A batch closed just after midnight is filed under
/// the new day but holds records from before it (and a clock a little ahead files the other way), so a record lies
/// in its own day's folder or, within the partition tolerance, in the neighbouring one. Every reader of a time range
/// lists these folders and keeps only the records whose own time is inside the range, so all commands agree.
/// </summary>
public static class DayFolders
{
    /// <summary>
    /// The first and last day folder to list for records in [<paramref name="start"/>, <paramref name="end"/>): the
    /// range's own days, widened by <paramref name="tolerance"/> on both sides (so at most one more day each side for
    /// a tolerance under a day).
    /// </summary>
    /// <param name="start">Inclusive start of the range.</param>
    /// <param name="end">Exclusive end of the range; after <paramref name="start"/>.</param>
    /// <param name="tolerance">The partition tolerance; zero lists only the range's own days.</param>
    public static (DateOnly First, DateOnly Last) For(DateTimeOffset start, DateTimeOffset end, TimeSpan tolerance) =>
        (DateOnly.FromDateTime((start - tolerance).UtcDateTime), DateOnly.FromDateTime((end + tolerance).UtcDateTime.AddTicks(-1)));

    /// <summary>
    /// The instant before which every record has been read once the folders up to the day before
    /// <paramref name="nextDay"/> are read: its midnight less the tolerance (records of the last minutes before it may
    /// still come in its folder).
    /// </summary>
    public static DateTimeOffset SettledBefore(DateOnly nextDay, TimeSpan tolerance) =>
        new DateTimeOffset(nextDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - tolerance;
}

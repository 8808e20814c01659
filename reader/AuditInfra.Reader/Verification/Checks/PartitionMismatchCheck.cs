using System.Globalization;
using System.Runtime.CompilerServices;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary><c>partition_mismatch</c>: a record whose time falls outside the UTC day its object is filed under.</summary>
public sealed class PartitionMismatchCheck(TimeSpan tolerance) : IRecordCheck
{
    public void Check(in ParsedRecord record, in RecordContext context, FindingCollector findings)
    {
        if (context.Object.Key.Day is not { } day || record.Time is not { } time)
        {
            return;
        }

        // In ticks (UTC) rather than DateTimeOffset arithmetic, which validates and converts at every step: this
        // runs for every record.
        var start = day.DayNumber * TimeSpan.TicksPerDay;
        var at = time.UtcTicks;
        if (at < start - tolerance.Ticks || at >= start + TimeSpan.TicksPerDay + tolerance.Ticks)
        {
            Report(time, day, context, findings);
        }
    }

    /// <summary>Apart from the check, so that the check's frame holds no interpolation buffer to clear on every record.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Report(DateTimeOffset time, DateOnly day, in RecordContext context, FindingCollector findings) =>
        findings.Add(new Finding(
            FindingKind.PartitionMismatch,
            context.Object.Key.Key,
            context.Line,
            $"time {time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} is outside the object's day {day:yyyy-MM-dd}"));
}

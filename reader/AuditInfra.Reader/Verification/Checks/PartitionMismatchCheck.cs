using System.Globalization;
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

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (time < start - tolerance || time >= start.AddDays(1) + tolerance)
        {
            findings.Add(new Finding(
                FindingKind.PartitionMismatch,
                context.Object.Key.Key,
                context.Line,
                $"time {time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} is outside the object's day {day:yyyy-MM-dd}"));
        }
    }
}

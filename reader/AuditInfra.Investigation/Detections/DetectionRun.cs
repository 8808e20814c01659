using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Reading;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// <c>detect</c>: one pass over the range feeding every record to the engine, settling windows day by day.
/// Detections reach the engine's sink as they become final; what is returned is only what an engine without a
/// sink collected.
/// </summary>
public static class DetectionRun
{
    public static async Task<(IReadOnlyList<Detection> Detections, ScanStatistics Statistics)> RunAsync(
        RecordScanner scanner, RecordFilter filter, DetectionEngine engine, CancellationToken cancellationToken = default)
    {
        var statistics = new ScanStatistics();
        // The rules' byte-level cut first: it rejects most records before their time is even parsed.
        bool Relevant(in ParsedRecord record) => engine.MayMatch(record) && filter.Prefilter(record);
        DateOnly? current = null;
        // Rule matching runs on the reading threads; only the hits (and the statistics) reach this one.
        static ObjectRecords Counts(ObjectRecords item) => item with { Records = [] };
        await foreach (var (item, hits) in scanner.ScanAsync(filter.Range.FirstDay, filter.Range.LastDay, filter.Streams, filter.Matches,
                           item => (Counts(item), engine.Match(item.Records)), Relevant, essentialsOnly: true, cancellationToken: cancellationToken))
        {
            statistics.Add(item);
            if (current != item.Day)
            {
                // Objects come day by day: once a new day starts, every record before its midnight has been seen.
                engine.Advance(new DateTimeOffset(item.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
                current = item.Day;
            }

            foreach (var hit in hits)
            {
                engine.Observe(hit);
            }
        }

        return (engine.Finish(), statistics);
    }
}

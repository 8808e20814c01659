using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Reading;
using AuditInfra.Reader.Layout;
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
        // On the reading threads: the rules' byte-level cut first (it rejects most records before their time is even
        // parsed), then the range, then the rules themselves on shared strings. Only the hits reach this thread; a
        // record is decoded into an AuditRecord only when the filter needs more than time and stream to judge it.
        bool Select(in ParsedRecord record, DeliveryObject item, long line, out RuleHit hit)
        {
            hit = default;
            return engine.MayMatch(record) && filter.Prefilter(record, out var time) &&
                   (filter.PrefilterIsExact || filter.Matches(record.ToAuditRecord())) &&
                   engine.TryMatch(record, time, item.Key.Key, line, out hit);
        }

        DateOnly? current = null;
        var (first, last) = scanner.DaysFor(filter.Range);
        await foreach (var item in scanner.SelectAsync<RuleHit>(first, last, filter.Streams, Select, filter.Accounts, cancellationToken))
        {
            statistics.Add(item);
            if (current != item.Day)
            {
                // Objects come day by day: once a new day starts, every record before its midnight has been seen,
                // except the last minutes, which may still come in this day's folder (the partition tolerance).
                engine.Advance(scanner.SettledBefore(item.Day));
                current = item.Day;
            }

            foreach (var hit in item.Records)
            {
                engine.Observe(hit);
            }
        }

        return (engine.Finish(), statistics);
    }
}

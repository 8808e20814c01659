using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Reading;

namespace AuditInfra.Investigation.Options;

/// <summary><c>filter-options</c>: one pass over the range, counting the values of every dimension.</summary>
public static class FilterOptionsQuery
{
    public static async Task<(FilterOptionsReport Report, ScanStatistics Statistics)> CollectAsync(
        RecordScanner scanner, RecordFilter filter, Records.RecordClassifier classifier, CancellationToken cancellationToken = default)
    {
        var collector = new FilterOptionsCollector(classifier, filter.Range);
        var statistics = new ScanStatistics();
        var (first, last) = scanner.DaysFor(filter.Range);
        await foreach (var item in scanner.ScanAsync(first, last, filter.Streams, filter.Matches, filter.Prefilter, cancellationToken: cancellationToken, accounts: filter.Accounts))
        {
            statistics.Add(item);
            foreach (var record in item.Records)
            {
                collector.Add(record);
            }
        }

        return (collector.Report(), statistics);
    }
}

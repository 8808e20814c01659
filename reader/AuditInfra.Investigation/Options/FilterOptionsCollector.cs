using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Options;

/// <summary>
/// Counts the values of every filter dimension over the records it is given. Memory grows with the number of
/// distinct values, never with the number of records. Not thread-safe: one collector per reading loop.
/// </summary>
public sealed class FilterOptionsCollector
{
    private readonly RecordClassifier _classifier;
    private readonly TimeRange _range;
    private readonly Dictionary<string, long> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _actors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _streams = new(StringComparer.Ordinal);
    private long _records;

    public FilterOptionsCollector(RecordClassifier classifier, TimeRange range)
    {
        _classifier = classifier;
        _range = range;
    }

    public void Add(AuditRecord record)
    {
        _records++;
        Count(_codes, RecordClassifier.OperationOf(record));
        Count(_actions, _classifier.ActionOf(record));
        Count(_services, _classifier.ServiceOf(record));
        Count(_groups, _classifier.GroupOf(record));
        Count(_actors, record.Actor);
        Count(_ips, record.SourceIp);
        Count(_outcomes, record.Outcome);
        Count(_streams, RecordStream.NameOf(record.Category));
    }

    public FilterOptionsReport Report() => new(
        _range.Start, _range.End, _records,
        Sorted(_codes), Sorted(_actions), Sorted(_services), Sorted(_groups), Sorted(_actors), Sorted(_ips), Sorted(_outcomes), Sorted(_streams));

    private static void Count(Dictionary<string, long> counts, string? value)
    {
        if (value is null)
        {
            return;
        }

        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out _)++;
    }

    private static ValueCount[] Sorted(Dictionary<string, long> counts) => counts
        .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => new ValueCount(kv.Key, kv.Value)).ToArray();
}

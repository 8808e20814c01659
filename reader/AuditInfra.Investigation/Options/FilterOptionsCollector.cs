using AuditInfra.Investigation.Detections;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Investigation.Options;

/// <summary>
/// Counts the values of every filter dimension over the records it is given. A Kubernetes request counts once,
/// however many stage Events it logged (<see cref="KubernetesRequests"/>); the other records count each. An
/// impersonated request counts for both the user it acted as and the authenticated user. Memory grows with the
/// number of distinct values (and up to <see cref="KubernetesRequests.Capacity"/> request ids), never with the number
/// of records. Not thread-safe: one collector per reading loop.
/// </summary>
public sealed class FilterOptionsCollector
{
    private readonly RecordClassifier _classifier;
    private readonly TimeRange _range;
    private readonly KubernetesRequests _requests = new();
    private readonly Dictionary<string, long>[] _counts = Enumerable.Range(0, (int)Dimension.Count).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
    // Per dimension, the last value counted and how many times in a row: values come as shared strings and repeat
    // from record to record (an object's account, stream, actor, code), so a run costs one dictionary update.
    private readonly string?[] _runValue = new string?[(int)Dimension.Count];
    private readonly long[] _runLength = new long[(int)Dimension.Count];
    private long _records;
    private long _kubernetesEvents;
    private long _kubernetesRequests;

    public FilterOptionsCollector(RecordClassifier classifier, TimeRange range)
    {
        _classifier = classifier;
        _range = range;
    }

    /// <summary>The dimensions, in the order a report lists them.</summary>
    public enum Dimension
    {
        Codes,
        Actions,
        Services,
        Groups,
        Actors,
        Emails,
        Ips,
        Outcomes,
        Streams,
        Accounts,
        Verbs,
        Resources,
        Subresources,
        Namespaces,
        Names,
        Count,
    }

    public void Add(LocatedRecord located)
    {
        var record = located.Record;
        _records++;
        if (record.Category == LogCategory.Kubernetes)
        {
            _kubernetesEvents++;
            if (!_requests.IsFirstEvent(EvidenceId.Of(record.Id)))
            {
                return;
            }

            _kubernetesRequests++;
            Count(Dimension.Verbs, record.Verb);
            Count(Dimension.Resources, record.Resource);
            Count(Dimension.Subresources, record.Subresource);
            Count(Dimension.Namespaces, record.Namespace);
            Count(Dimension.Names, record.Name);
        }

        Count(Dimension.Codes, RecordClassifier.OperationOf(record));
        Count(Dimension.Actions, _classifier.ActionOf(record));
        Count(Dimension.Services, _classifier.ServiceOf(record));
        Count(Dimension.Groups, _classifier.GroupOf(record));
        Count(Dimension.Actors, record.Actor);
        Count(Dimension.Actors, record.AuthenticatedUser);
        Count(Dimension.Emails, record.Email);
        Count(Dimension.Ips, record.SourceIp);
        Count(Dimension.Outcomes, record.Outcome);
        Count(Dimension.Streams, RecordStream.NameOf(record.Category));
        Count(Dimension.Accounts, located.Account);
    }

    public FilterOptionsReport Report()
    {
        for (var d = 0; d < (int)Dimension.Count; d++)
        {
            EndRun(d);
        }

        return new(_range.Start, _range.End, _records, _kubernetesEvents, _kubernetesRequests, _counts.Select(Sorted).ToArray());
    }

    private void Count(Dimension dimension, string? value)
    {
        if (value is null)
        {
            return;
        }

        var d = (int)dimension;
        if (!ReferenceEquals(value, _runValue[d]))
        {
            EndRun(d);
            _runValue[d] = value;
        }

        _runLength[d]++;
    }

    private void EndRun(int d)
    {
        if (_runValue[d] is { } value)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts[d], value, out _) += _runLength[d];
        }

        _runValue[d] = null;
        _runLength[d] = 0;
    }

    private static ValueCount[] Sorted(Dictionary<string, long> counts) => counts
        .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => new ValueCount(kv.Key, kv.Value)).ToArray();
}

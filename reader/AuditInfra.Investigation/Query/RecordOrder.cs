using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Query;

/// <summary>
/// Time order for query results. Ties (many records share a second) break on object key, then line, so the
/// same query over the same delivery always pages the same way.
/// </summary>
public sealed class RecordOrder : IComparer<LocatedRecord>
{
    private RecordOrder(bool newestFirst)
    {
        NewestFirst = newestFirst;
    }

    public static RecordOrder OldestFirst { get; } = new(newestFirst: false);

    public static RecordOrder NewestFirstOrder { get; } = new(newestFirst: true);

    public bool NewestFirst { get; }

    public int Compare(LocatedRecord? x, LocatedRecord? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byTime = Nullable.Compare(x.Record.Time, y.Record.Time);
        if (byTime == 0)
        {
            byTime = string.CompareOrdinal(x.ObjectKey, y.ObjectKey);
        }

        if (byTime == 0)
        {
            byTime = x.Line.CompareTo(y.Line);
        }

        return NewestFirst ? -byTime : byTime;
    }
}

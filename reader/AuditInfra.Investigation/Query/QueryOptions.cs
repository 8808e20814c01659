namespace AuditInfra.Investigation.Query;

/// <summary>Paging and order of <c>query</c>.</summary>
public sealed class QueryOptions
{
    /// <summary>Records returned; 0 returns every match (sorted one day at a time, see <see cref="RecordQuery"/>).</summary>
    public int Limit { get; init; } = 100;

    public int Offset { get; init; }

    public bool NewestFirst { get; init; }

    /// <summary>With no limit: matches of a day held in memory before a sorted run is spilled (tests set it low).</summary>
    internal int SortBudget { get; init; } = RecordQuery.SortBudget;
}

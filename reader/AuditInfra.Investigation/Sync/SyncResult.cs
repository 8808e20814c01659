using AuditInfra.Investigation.Reading;

namespace AuditInfra.Investigation.Sync;

/// <summary>What one <c>sync</c> run did.</summary>
/// <param name="Objects">New objects collected.</param>
/// <param name="RecordsWritten">Records appended to the output.</param>
/// <param name="Duplicates">Records dropped because their id was already collected (redelivered by Akamai).</param>
/// <param name="Recovered">Records a killed run had written but not checkpointed: kept, not written again.</param>
/// <param name="FirstDay">First day listed.</param>
/// <param name="LastDay">Last day listed.</param>
public sealed record SyncResult(long Objects, long RecordsWritten, long Duplicates, long Recovered, DateOnly FirstDay, DateOnly LastDay, ScanStatistics Statistics)
{
    /// <summary>Delivery objects listed in the range (collected before or not); 0 means the range holds none at all.</summary>
    public long Listed { get; init; }

    /// <summary>Objects this run could not read whole (now in the retry list).</summary>
    public long Failed { get; init; }

    /// <summary>Objects given up this run (<c>--give-up</c>).</summary>
    public long GivenUp { get; init; }

    /// <summary>Entries this run added to the quarantine file.</summary>
    public long Quarantined { get; init; }

    public string QuarantinePath { get; init; } = string.Empty;

    /// <summary>The retry list after this run: objects left behind.</summary>
    public IReadOnlyList<RetryObject> Retrying { get; init; } = [];

    /// <summary>True when the run left nothing behind: no object to retry and nothing quarantined.</summary>
    public bool IsComplete => Retrying.Count == 0 && Quarantined == 0;
}

using AuditInfra.Investigation.Reading;

namespace AuditInfra.Investigation.Sync;

/// <summary>What one <c>sync</c> run did.</summary>
/// <param name="Objects">New objects collected.</param>
/// <param name="RecordsWritten">Records appended to the output.</param>
/// <param name="Duplicates">Records dropped because their id was already collected (redelivered by Akamai).</param>
/// <param name="Recovered">Records a killed run had written but not checkpointed: kept, not written again.</param>
/// <param name="FirstDay">First day listed.</param>
/// <param name="LastDay">Last day listed.</param>
public sealed record SyncResult(long Objects, long RecordsWritten, long Duplicates, long Recovered, DateOnly FirstDay, DateOnly LastDay, ScanStatistics Statistics);

namespace AuditInfra.Reader.Retention;

/// <summary>The Object Lock state of one object version, as the bucket reports it.</summary>
/// <param name="Key">The object key.</param>
/// <param name="VersionId">The version's id.</param>
/// <param name="WrittenAt">When the version was written (its LastModified): the delivery time.</param>
/// <param name="Mode">COMPLIANCE, GOVERNANCE, or null when the version carries no retention.</param>
/// <param name="RetainUntil">The retain-until date, or null.</param>
public sealed record ObjectVersionRetention(string Key, string VersionId, DateTimeOffset WrittenAt, string? Mode, DateTimeOffset? RetainUntil);

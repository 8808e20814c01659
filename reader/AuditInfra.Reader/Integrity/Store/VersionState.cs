namespace AuditInfra.Reader.Integrity.Store;

/// <summary>
/// What a HEAD of one version tells at sealing time: its id, size, ETag, write time and Object Lock state.
/// </summary>
public sealed record VersionState(string? VersionId, long Size, string? ETag, DateTimeOffset LastModified, string? LockMode, DateTimeOffset? RetainUntil);

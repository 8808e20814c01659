namespace AuditInfra.Reader.Integrity.Store;

/// <summary>One version of an object as the store lists it now.</summary>
/// <param name="Key">Key relative to the source root.</param>
/// <param name="VersionId">S3 version id, or null where the store has no versions (a folder; an unversioned bucket: "null").</param>
/// <param name="Size">Stored size in bytes.</param>
/// <param name="ETag">S3 ETag without quotes, or null.</param>
/// <param name="LastModified">When this version was written.</param>
/// <param name="IsLatest">Whether it is the version a plain GET returns.</param>
/// <param name="IsDeleteMarker">An S3 delete marker (hides the key; holds no bytes).</param>
public sealed record StoredVersion(string Key, string? VersionId, long Size, string? ETag, DateTimeOffset LastModified, bool IsLatest, bool IsDeleteMarker);

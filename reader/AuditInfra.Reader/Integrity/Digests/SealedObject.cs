namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>
/// One delivery object version as a digest lists it, observed when it was sealed.
/// </summary>
/// <param name="Key">The object key relative to the source root.</param>
/// <param name="VersionId">The S3 version id (null for a folder or an unversioned bucket).</param>
/// <param name="Size">Stored (compressed) size in bytes.</param>
/// <param name="ETag">The S3 ETag without quotes (null for a folder).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the stored bytes, as read.</param>
/// <param name="LastModified">When the version was written (S3 Last-Modified, or the file's write time).</param>
/// <param name="Records">Valid records read from it.</param>
/// <param name="FirstRecordTime">The earliest record time in it, if any record has one.</param>
/// <param name="LastRecordTime">The latest record time in it.</param>
/// <param name="LockMode">Object Lock mode of the version at sealing time (COMPLIANCE, GOVERNANCE) or null.</param>
/// <param name="RetainUntil">Object Lock retain-until date of the version at sealing time, or null.</param>
/// <param name="Damage">Why its records could not all be read (it is sealed as stored all the same), or null.</param>
public sealed record SealedObject(
    string Key,
    string? VersionId,
    long Size,
    string? ETag,
    string Sha256,
    DateTimeOffset LastModified,
    long Records,
    DateTimeOffset? FirstRecordTime,
    DateTimeOffset? LastRecordTime,
    string? LockMode,
    DateTimeOffset? RetainUntil,
    string? Damage = null);

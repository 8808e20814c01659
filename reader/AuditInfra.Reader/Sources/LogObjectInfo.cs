namespace AuditInfra.Reader.Sources;

/// <summary>One object (or file) in a source, as listed.</summary>
/// <param name="Key">The object key relative to the bucket root (folders: relative path with '/').</param>
/// <param name="Size">Size in bytes as stored (compressed).</param>
/// <param name="LastModified">When it was written; <c>sync</c> checkpoints on it.</param>
/// <param name="VersionId">The S3 version id where the source knows it.</param>
public sealed record LogObjectInfo(string Key, long Size, DateTimeOffset LastModified, string? VersionId = null);

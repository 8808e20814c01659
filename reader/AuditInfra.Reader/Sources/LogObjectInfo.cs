namespace AuditInfra.Reader.Sources;

/// <summary>One object (or file) in a source, as listed.</summary>
/// <param name="Key">The object key relative to the bucket root (folders: relative path with '/').</param>
/// <param name="Size">Size in bytes as stored (compressed).</param>
/// <param name="LastModified">When it was written; <c>sync</c> checkpoints on it.</param>
/// <param name="VersionId">The S3 version id where the source knows it.</param>
public sealed record LogObjectInfo(string Key, long Size, DateTimeOffset LastModified, string? VersionId = null)
{
    /// <summary>
    /// Why the source will not open this entry, or null for an ordinary object. A folder source lists what it does not
    /// read (a FIFO or device, a symbolic link that leaves the folder, loops or dangles, a name that is not valid
    /// UTF-8) so it is reported once as an <c>unexpected_object</c> instead of hanging, escaping or vanishing.
    /// </summary>
    public string? Irregular { get; init; }
}

namespace AuditInfra.Reader.Sources;

/// <summary>
/// Where delivered logs are read from: a local folder laid out like the bucket, or an S3 bucket. Listing works
/// one level at a time (like S3's delimiter listing) so the delivery walker visits only the day prefixes in a
/// range, never the whole bucket. Failures a user must fix (missing bucket, denied, unreachable) throw
/// <see cref="LogSourceException"/>. Implementations are safe for concurrent use.
/// </summary>
public interface ILogSource : IAsyncDisposable
{
    /// <summary>How the source is shown to users, e.g. <c>s3://bucket/prefix</c> or a folder path.</summary>
    string Description { get; }

    /// <summary>
    /// Entries under <paramref name="prefix"/> (a key prefix relative to the source root, "" or ending with '/').
    /// Without <paramref name="recursive"/>: objects directly at that level plus child prefixes (ending with '/');
    /// with it: every object at any depth and no prefixes.
    /// </summary>
    IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for streaming; the caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many listings a walker may run side by side (1: one after another). A local folder lists in microseconds;
    /// a remote store pays a round trip per listing page, so the next folders are listed while the current one is read.
    /// </summary>
    int ConcurrentListings => 1;

    /// <summary>
    /// Says that <paramref name="item"/> will be opened soon (call in the order the objects will be opened), so a
    /// remote source can fetch it ahead while earlier objects are parsed. A hint only: opening works the same without it.
    /// </summary>
    void ReadAhead(LogObjectInfo item)
    {
    }
}

namespace AuditInfra.Reader.Sources;

/// <summary>
/// Where delivered logs are read from: a local folder laid out like the bucket, or an S3 bucket. Two listing
/// primitives let the delivery walker visit only the day prefixes in a range, never the whole bucket.
/// Failures that a user must fix (missing bucket, denied, unreachable) throw <see cref="LogSourceException"/>.
/// </summary>
public interface ILogSource : IAsyncDisposable
{
    /// <summary>How the source is shown to users, e.g. <c>s3://bucket/prefix</c> or a folder path.</summary>
    string Description { get; }

    /// <summary>The immediate child prefixes of <paramref name="prefix"/> (each ends with '/'), like S3's CommonPrefixes.</summary>
    IAsyncEnumerable<string> ListPrefixesAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Objects directly under <paramref name="prefix"/> (or, with <paramref name="recursive"/>, at any depth), in key order.</summary>
    IAsyncEnumerable<LogObjectInfo> ListObjectsAsync(string prefix, bool recursive, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for streaming; the caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default);
}

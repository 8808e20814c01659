namespace AuditInfra.Reader.Retention;

/// <summary>A source that can show Object Lock evidence: today only S3 buckets (a folder has no versions or locks).</summary>
public interface IRetentionSource
{
    /// <summary>The bucket's default retention rule, or null when Object Lock is on without a default rule.</summary>
    /// <exception cref="Sources.LogSourceException">Object Lock is not enabled on the bucket, or it cannot be read.</exception>
    Task<RetentionPolicy?> GetDefaultRetentionAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version (not delete markers) of the objects directly under <paramref name="prefix"/>, with its lock state.</summary>
    IAsyncEnumerable<ObjectVersionRetention> ListVersionRetentionAsync(string prefix, CancellationToken cancellationToken = default);
}

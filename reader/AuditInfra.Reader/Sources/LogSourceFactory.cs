namespace AuditInfra.Reader.Sources;

/// <summary>Opens a source from what a user types: a folder path or <c>s3://bucket[/prefix]</c>.</summary>
public static class LogSourceFactory
{
    public const string S3Scheme = "s3://";

    public static bool IsS3(string location) => location.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits <c>s3://bucket/some/prefix</c> into bucket and prefix ("" or ending with '/').</summary>
    public static (string Bucket, string Prefix) ParseS3(string location)
    {
        var rest = location[S3Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].TrimStart('/');
        if (bucket.Length == 0)
        {
            throw new LogSourceException($"'{location}' names no bucket; expected s3://bucket[/prefix]", "InvalidLocation");
        }

        return (bucket, prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/");
    }

    /// <summary>Opens the source without progress notes; see the overload.</summary>
    public static Task<ILogSource> OpenAsync(string location, S3LogSourceOptions s3, CancellationToken cancellationToken = default) =>
        OpenAsync(location, s3, waiting: null, cancellationToken);

    /// <summary>
    /// Opens the source. For S3, checks the bucket is reachable and listable first, so errors surface as one line up
    /// front; an endpoint that gives no answer within <see cref="S3LogSourceOptions.FirstAnswerTimeout"/> is a
    /// <see cref="LogSourceException"/> (<c>EndpointUnreachable</c>).
    /// </summary>
    /// <param name="waiting">Told, every quarter of the first-answer timeout while the answer is awaited, the endpoint and how long it has been.</param>
    public static async Task<ILogSource> OpenAsync(
        string location, S3LogSourceOptions s3, Action<string, TimeSpan>? waiting, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new LogSourceException("no source given: pass a folder or s3://bucket[/prefix]", "InvalidLocation");
        }

        if (!IsS3(location))
        {
            return new FolderLogSource(location);
        }

        var (bucket, prefix) = ParseS3(location);
        var source = new S3LogSource(bucket, prefix, s3);
        var endpoint = S3ClientFactory.Describe(s3);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(s3.FirstAnswerTimeout);
        var started = System.Diagnostics.Stopwatch.StartNew();
        // Three notes before the deadline (at 5, 10 and 15 s with the default 20 s), so a wait never looks like a hang.
        var interval = s3.FirstAnswerTimeout / 4;
        using var note = waiting is null ? null : new Timer(
            _ =>
            {
                if (started.Elapsed < s3.FirstAnswerTimeout - (interval / 2))
                {
                    waiting(endpoint, started.Elapsed);
                }
            },
            null,
            interval,
            interval);
        try
        {
            await source.CheckAccessAsync(deadline.Token);
            return source;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await source.DisposeAsync();
            throw new LogSourceException(
                $"S3 endpoint {endpoint} is not answering: no reply within {s3.FirstAnswerTimeout.TotalSeconds:0} s (setting S3:FirstAnswerTimeout)", "EndpointUnreachable", ex);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }
}

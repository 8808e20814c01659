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

    /// <summary>Opens the source. For S3, checks the bucket is reachable and listable first, so errors surface as one line up front.</summary>
    public static async Task<ILogSource> OpenAsync(string location, S3LogSourceOptions s3, CancellationToken cancellationToken = default)
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
        try
        {
            await source.CheckAccessAsync(cancellationToken);
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }
}

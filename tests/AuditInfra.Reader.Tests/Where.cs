using AuditInfra.Reader.Generation;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests;

/// <summary>Where a test delivery lives: a temporary folder or a fresh bucket on the real RGW. Tests run once for each.</summary>
public enum Store
{
    Folder,
    Bucket,
}

/// <summary>A place to write a delivery and read it back, the same way for both stores.</summary>
internal sealed class Where : IAsyncDisposable
{
    private readonly TempDirectory? _dir;

    private Where(Store store, string location, TempDirectory? dir)
    {
        Store = store;
        Location = location;
        _dir = dir;
    }

    public Store Store { get; }

    /// <summary>A folder path or s3://bucket/prefix.</summary>
    public string Location { get; }

    public static S3LogSourceOptions S3Options => new()
    {
        Endpoint = S3TestServer.Instance.Endpoint,
        Region = S3TestServer.Instance.Region,
        AccessKey = S3TestServer.Instance.AccessKey,
        SecretKey = S3TestServer.Instance.SecretKey,
        MaxRetries = 1,
    };

    public static async Task<Where> CreateAsync(Store store, string purpose)
    {
        if (store == Store.Folder)
        {
            var dir = new TempDirectory(purpose);
            return new Where(store, dir.Path, dir);
        }

        var bucket = await S3TestServer.Instance.CreateBucketAsync(purpose);
        return new Where(store, $"s3://{bucket}/deliveries", null);
    }

    public IDeliveryTarget Target() => Store == Store.Folder ? new FolderDeliveryTarget(Location) : new S3DeliveryTarget(Location, S3Options);

    public Task<ILogSource> OpenAsync() => LogSourceFactory.OpenAsync(Location, S3Options);

    public async Task PutAsync(string key, byte[] content)
    {
        await using var target = Target();
        await target.WriteAsync(key, content);
    }

    public ValueTask DisposeAsync()
    {
        _dir?.Dispose();
        return ValueTask.CompletedTask;
    }
}

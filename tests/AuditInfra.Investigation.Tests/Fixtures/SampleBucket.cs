using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>The sample delivery uploaded once to a fresh bucket on the real RGW.</summary>
public sealed class SampleBucket : IAsyncLifetime
{
    public string Bucket { get; private set; } = string.Empty;

    public string Source => $"s3://{Bucket}";

    public string Endpoint => S3TestServer.Instance.Endpoint;

    public async Task InitializeAsync()
    {
        Bucket = await S3TestServer.Instance.CreateBucketAsync("investigation-sample");
        await Sample.Build().UploadAsync(Bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

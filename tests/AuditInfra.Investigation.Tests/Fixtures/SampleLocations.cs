using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>The sample delivery written once to a folder, for every test in a class.</summary>
public sealed class SampleFolder : IDisposable
{
    private readonly TempDirectory _dir = new("sample");

    public SampleFolder()
    {
        Sample.Build().WriteTo(_dir.Path);
    }

    public string Source => _dir.Path;

    public void Dispose() => _dir.Dispose();
}

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

/// <summary>Credentials for the CLI when it talks to the RGW: the standard AWS variables, as a user would set them.</summary>
internal static class RgwEnvironment
{
    private static readonly Lazy<bool> Exported = new(() =>
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3TestServer.Instance.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3TestServer.Instance.SecretKey);
        return true;
    });

    public static void Ensure() => _ = Exported.Value;
}

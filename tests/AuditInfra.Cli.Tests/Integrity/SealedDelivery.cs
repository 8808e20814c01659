using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.Cli.Tests.Reader;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests.Integrity;

/// <summary>
/// A generated delivery for one day in its own GOVERNANCE Object Lock bucket on the test RGW, sealed hour by hour,
/// plus helpers to tamper with it the way an insider with the bucket's keys (and the bypass right) could.
/// </summary>
internal sealed class SealedDelivery : IDisposable
{
    public const string Day = "2026-11-01";

    private SealedDelivery(string bucket, AmazonS3Client client, TempDirectory keys)
    {
        Bucket = bucket;
        Client = client;
        Keys = keys;
    }

    public string Bucket { get; }

    public AmazonS3Client Client { get; }

    public TempDirectory Keys { get; }

    public string PrivateKey => Keys.Combine("seal.pem");

    public string PublicKey => Keys.Combine("seal.pub");

    public static async Task<SealedDelivery> CreateAsync(string purpose, bool seal = true, params string[] sealArgs)
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync(purpose, objectLock: true);
        var client = server.CreateClient();
        await client.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = bucket,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = ObjectLockRetentionMode.Governance, Days = 1 } },
            },
        });
        var delivery = new SealedDelivery(bucket, client, new TempDirectory("seal-keys"));
        var keygen = await CliRun.RunAsync("seal", "keygen", "--private-key", delivery.PrivateKey, "--public-key", delivery.PublicKey);
        Assert.True(keygen.Exit == 0, keygen.Err);
        var generated = await CliRun.RunAsync(
            "generate", "--output", $"s3://{bucket}", "--from", Day, "--endpoint", server.Endpoint, "--records", "5", "--config-objects", "3", "--login-objects", "1", "--k8s-objects", "2");
        Assert.True(generated.Exit == 0, generated.Err);
        if (seal)
        {
            var sealRun = await delivery.SealAsync(sealArgs);
            Assert.True(sealRun.Exit == 0, sealRun.Err);
        }

        return delivery;
    }

    public Task<(int Exit, string Out, string Err)> SealAsync(params string[] extra) =>
        CliRun.RunAsync(["seal", "--source", $"s3://{Bucket}", "--endpoint", S3TestServer.Instance.Endpoint, "--private-key", PrivateKey, "--from", Day, "--to", Day, .. extra]);

    public Task<(int Exit, string Out, string Err)> VerifyAsync(params string[] extra) =>
        CliRun.RunAsync(["verify", "--source", $"s3://{Bucket}", "--endpoint", S3TestServer.Instance.Endpoint, "--from", Day, "--to", Day,
            "--format", "json", "--integrity", "--public-key", PublicKey, .. extra]);

    /// <summary>Every current key, sorted.</summary>
    public async Task<List<string>> KeysAsync(string prefix = "")
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await Client.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
        return [.. keys.Order(StringComparer.Ordinal)];
    }

    public async Task<List<string>> DigestKeysAsync() => await KeysAsync("auditinfra-digests/");

    public async Task<byte[]> GetAsync(string key)
    {
        using var response = await Client.GetObjectAsync(Bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async Task PutAsync(string key, byte[] content)
    {
        using var body = new MemoryStream(content);
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
        });
    }

    /// <summary>Removes every version of a key with the GOVERNANCE bypass, as a holder of that right could.</summary>
    public async Task DeleteAllVersionsAsync(string key)
    {
        var versions = await Client.ListVersionsAsync(new ListVersionsRequest { BucketName = Bucket, Prefix = key });
        foreach (var version in versions.Versions.Where(v => v.Key == key))
        {
            await Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key, VersionId = version.VersionId, BypassGovernanceRetention = true });
        }
    }

    public static List<JsonElement> Findings(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().ToList();

    public static List<(string Kind, string Object)> Kinds(string json) =>
        [.. Findings(json).Select(f => (f.GetProperty("kind").GetString()!, f.GetProperty("object").GetString()!))];

    public void Dispose()
    {
        Client.Dispose();
        Keys.Dispose();
    }
}

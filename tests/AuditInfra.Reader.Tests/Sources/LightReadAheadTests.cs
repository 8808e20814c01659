using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Sources;

/// <summary>
/// The read-ahead's light GET (a presigned URL fetched by a plain HTTP client) on the real RGW: it serves the stored
/// bytes, and whatever is off (the object changed, gone, denied, a broken, stalled or altered body) it serves nothing,
/// so the reader's own open through the SDK gives the outcome it gives without the light GET.
/// </summary>
public class LightReadAheadTests
{
    [Fact]
    public async Task Light_gets_serve_the_stored_bytes_of_current_objects_and_of_older_versions_under_any_key()
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("light", objectLock: true); // Object Lock implies versioning
        using var client = S3TestServer.Instance.CreateClient();
        var first = Bytes(3000, 1);
        var second = Bytes(4100, 2);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a b/x ü+.gz", InputStream = new MemoryStream(first) });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a b/x ü+.gz", InputStream = new MemoryStream(second) });
        var versions = (await client.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = "a b/" })).Versions;
        var older = versions.Single(v => v.IsLatest != true);
        var newer = versions.Single(v => v.IsLatest == true);

        await using var source = new S3LogSource(bucket, "a b", Options());
        Assert.Equal(first, await ReadAsync(source, new LogObjectInfo("x ü+.gz", first.Length, default, older.VersionId)));
        Assert.Equal(second, await ReadAsync(source, new LogObjectInfo("x ü+.gz", second.Length, default, newer.VersionId)));
        Assert.Equal(second, await ReadAsync(source, new LogObjectInfo("x ü+.gz", second.Length, default)));
        Assert.Equal(3, source.LightBodiesServed);
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(1000)]
    public async Task An_object_rewritten_after_listing_is_read_as_it_is_now_through_the_sdk(int nowLength)
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("lightchanged");
        using var client = S3TestServer.Instance.CreateClient();
        var listed = new LogObjectInfo("x.gz", 3000, default);
        var now = Bytes(nowLength, 3);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "x.gz", InputStream = new MemoryStream(now) });

        await using var light = new S3LogSource(bucket, string.Empty, Options());
        await using var sdk = new S3LogSource(bucket, string.Empty, Options(light: false));
        Assert.Equal(now, await ReadAsync(light, listed));
        Assert.Equal(now, await ReadAsync(sdk, listed));
        Assert.Equal(0, light.LightBodiesServed);
    }

    [Fact]
    public async Task An_object_deleted_after_listing_fails_as_it_does_through_the_sdk()
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("lightgone");
        var listed = new LogObjectInfo("gone.gz", 3000, default);

        await using var light = new S3LogSource(bucket, string.Empty, Options());
        await using var sdk = new S3LogSource(bucket, string.Empty, Options(light: false));
        var viaLight = await Assert.ThrowsAsync<LogSourceException>(() => ReadAsync(light, listed));
        var viaSdk = await Assert.ThrowsAsync<LogSourceException>(() => ReadAsync(sdk, listed));
        Assert.Equal(viaSdk.ErrorCode, viaLight.ErrorCode);
        Assert.Equal(viaSdk.Message, viaLight.Message);
        Assert.Equal(0, light.LightBodiesServed);
    }

    [Fact]
    public async Task Denied_access_fails_as_it_does_through_the_sdk_and_shows_no_signature()
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("lightdenied");
        using var client = S3TestServer.Instance.CreateClient();
        var body = Bytes(3000, 4);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "x.gz", InputStream = new MemoryStream(body) });
        var listed = new LogObjectInfo("x.gz", body.Length, default);

        await using var light = new S3LogSource(bucket, string.Empty, Options(secretKey: "wrong-secret"));
        await using var sdk = new S3LogSource(bucket, string.Empty, Options(secretKey: "wrong-secret", light: false));
        var viaLight = await Assert.ThrowsAsync<LogSourceException>(() => ReadAsync(light, listed));
        var viaSdk = await Assert.ThrowsAsync<LogSourceException>(() => ReadAsync(sdk, listed));
        Assert.Equal("SignatureDoesNotMatch", viaLight.ErrorCode);
        Assert.Equal(viaSdk.Message, viaLight.Message);
        Assert.DoesNotContain("X-Amz-", viaLight.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(S3TestServer.Instance.AccessKey, viaLight.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, light.LightBodiesServed);
    }

    [Theory]
    [InlineData(FaultKind.BreakBody)]
    [InlineData(FaultKind.StallBody)]
    [InlineData(FaultKind.FlipByte)]
    [InlineData(FaultKind.Reset)]
    [InlineData(FaultKind.ServiceUnavailable)]
    public async Task A_light_get_that_meets_a_fault_leaves_the_object_to_the_sdk_which_reads_it_whole(FaultKind fault)
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("lightfault");
        using var client = S3TestServer.Instance.CreateClient();
        var body = Bytes(3000, 5);
        var clean = Bytes(2000, 6);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "hit.gz", InputStream = new MemoryStream(body) });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "clean.gz", InputStream = new MemoryStream(clean) });
        await using var proxy = await FaultProxy.StartAsync(S3TestServer.Instance.Endpoint);
        proxy.Add(new FaultRule { Kind = fault, PathContains = "/hit.gz", Times = 1, StallAfterBytes = 1000 });

        var options = Options(endpoint: proxy.Endpoint);
        options.ReadTimeout = TimeSpan.FromSeconds(1); // a stalled body is given up after this
        await using var source = new S3LogSource(bucket, string.Empty, options);
        Assert.Equal(clean, await ReadAsync(source, new LogObjectInfo("clean.gz", clean.Length, default)));
        Assert.Equal(body, await ReadAsync(source, new LogObjectInfo("hit.gz", body.Length, default)));
        Assert.Equal(1, proxy.InjectedTotal);
        Assert.Equal(1, source.LightBodiesServed); // the clean object only
    }

    [Fact]
    public void Only_a_plain_md5_etag_is_checked_and_it_must_be_the_bodys()
    {
        var body = "abc"u8.ToArray();
        const string Md5 = "900150983cd24fb0d6963f7d28e17f72"; // MD5("abc"), RFC 1321 appendix A.5
        Assert.True(PresignedBodyFetcher.MatchesETag($"\"{Md5}\"", body));
        Assert.True(PresignedBodyFetcher.MatchesETag(Md5.ToUpperInvariant(), body));
        Assert.False(PresignedBodyFetcher.MatchesETag($"\"{Md5}\"", "abd"u8));
        Assert.True(PresignedBodyFetcher.MatchesETag($"\"{Md5}-3\"", "abd"u8)); // multipart: no MD5 to check
        Assert.True(PresignedBodyFetcher.MatchesETag(null, body));
    }

    private static S3LogSourceOptions Options(string? secretKey = null, string? endpoint = null, bool light = true) => new()
    {
        Endpoint = endpoint ?? S3TestServer.Instance.Endpoint,
        Region = S3TestServer.Instance.Region,
        AccessKey = S3TestServer.Instance.AccessKey,
        SecretKey = secretKey ?? S3TestServer.Instance.SecretKey,
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        LightReadAhead = light,
    };

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>As a reader does: says it will read the object, then opens it (taking the body fetched ahead, if any).</summary>
    private static async Task<byte[]> ReadAsync(S3LogSource source, LogObjectInfo item)
    {
        source.ReadAhead(item);
        await using var stream = await source.OpenReadAsync(item);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

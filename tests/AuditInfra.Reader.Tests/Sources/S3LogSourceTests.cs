using Amazon.S3.Model;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Sources;

public class S3LogSourceTests
{
    private static S3LogSourceOptions Options(string? accessKey = null, string? secretKey = null, string? endpoint = null) => new()
    {
        Endpoint = endpoint ?? S3TestServer.Instance.Endpoint,
        Region = S3TestServer.Instance.Region,
        AccessKey = accessKey ?? S3TestServer.Instance.AccessKey,
        SecretKey = secretKey ?? S3TestServer.Instance.SecretKey,
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    };

    [Fact]
    public async Task Lists_levels_and_reads_records_under_a_prefix()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("s3source");
        using var client = server.CreateClient();
        const string Key = "audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-000001-1793577600-000001-config.gz";
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "tenant a/" + Key, InputStream = new MemoryStream(Gz.Compress(Gz.CloudEvent("s3-1") + "\n")) });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "tenant a/ünï code.txt", ContentBody = "x" });

        await using var source = await LogSourceFactory.OpenAsync($"s3://{bucket}/tenant a", Options());
        var top = new List<LogListEntry>();
        await foreach (var e in source.ListAsync(string.Empty, recursive: false))
        {
            top.Add(e);
        }

        Assert.Contains(top, e => e.Prefix == "audit_logs/");
        Assert.Contains(top, e => e.Object?.Key == "ünï code.txt");

        var records = new List<DeliveryRecord>();
        await foreach (var r in new DeliveryReader(source).ReadRecordsAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1)))
        {
            records.Add(r);
        }

        var record = Assert.Single(records);
        Assert.Equal("s3-1", record.Record.Id);
        Assert.Equal(Key, record.Key);
        Assert.Equal(KeyKind.Delivery, record.Object.Key.Kind);
    }

    [Fact]
    public async Task Missing_bucket_is_one_clear_error()
    {
        var ex = await Assert.ThrowsAsync<LogSourceException>(() => LogSourceFactory.OpenAsync("s3://no-such-bucket-auditinfra", Options()));
        Assert.Equal("NoSuchBucket", ex.ErrorCode);
        Assert.Contains("no-such-bucket-auditinfra does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_are_one_clear_error()
    {
        var bucket = await S3TestServer.Instance.CreateBucketAsync("creds");
        var ex = await Assert.ThrowsAsync<LogSourceException>(() => LogSourceFactory.OpenAsync($"s3://{bucket}", Options(accessKey: "NOTAKEY0000000000000")));
        Assert.Equal("InvalidAccessKeyId", ex.ErrorCode);
        var wrongSecret = await Assert.ThrowsAsync<LogSourceException>(() => LogSourceFactory.OpenAsync($"s3://{bucket}", Options(secretKey: "wrong-secret")));
        Assert.Equal("SignatureDoesNotMatch", wrongSecret.ErrorCode);
        Assert.DoesNotContain("wrong-secret", wrongSecret.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_that_does_not_answer_is_one_clear_error()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // the port is now closed: connections are refused
        var ex = await Assert.ThrowsAsync<LogSourceException>(() => LogSourceFactory.OpenAsync("s3://bucket", Options(endpoint: $"http://127.0.0.1:{port}")));
        Assert.Equal("EndpointUnreachable", ex.ErrorCode);
        Assert.Contains("is not answering", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void S3_locations_are_split_into_bucket_and_prefix()
    {
        Assert.Equal(("b", ""), LogSourceFactory.ParseS3("s3://b"));
        Assert.Equal(("b", "p/q/"), LogSourceFactory.ParseS3("s3://b/p/q"));
        Assert.Throws<LogSourceException>(() => LogSourceFactory.ParseS3("s3:///x"));
    }
}

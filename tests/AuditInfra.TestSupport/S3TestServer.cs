using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AuditInfra.TestSupport;

/// <summary>
/// The real Ceph RGW the test command starts on loopback (scripts/s3-start.sh). Its coordinates come from the
/// environment that scripts/test.sh exports; without them the tests fail loudly instead of skipping.
/// </summary>
public sealed class S3TestServer
{
    private static readonly Lazy<S3TestServer> Shared = new(() => new S3TestServer());

    private S3TestServer()
    {
        Endpoint = Require("S3_ENDPOINT");
        AccessKey = Require("S3_ACCESS_KEY");
        SecretKey = Require("S3_SECRET_KEY");
        Region = Environment.GetEnvironmentVariable("S3_REGION") is { Length: > 0 } r ? r : "us-east-1";
        var uri = new Uri(Endpoint);
        if (!uri.IsLoopback)
        {
            throw new InvalidOperationException($"S3_ENDPOINT must be a loopback address in tests, got {Endpoint}");
        }
    }

    public static S3TestServer Instance => Shared.Value;

    public string Endpoint { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string Region { get; }

    public AmazonS3Client CreateClient() => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            // radosgw 16.2 rejects the SDK's default streaming trailer checksums (research/local-s3-ceph-rgw.md, caveat 1).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 2,
        });

    /// <summary>A bucket name no other test (or earlier run) uses.</summary>
    public static string UniqueBucketName(string purpose)
    {
        var slug = new string(purpose.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        if (slug.Length > 30)
        {
            slug = slug[..30];
        }

        // S3 bucket names are 3-63 characters: "t-" + slug (≤ 27) + "-" + 32 hex digits.
        return $"t-{slug[..Math.Min(slug.Length, 27)].TrimEnd('-')}-{Guid.NewGuid():N}";
    }

    public async Task<string> CreateBucketAsync(string purpose, bool objectLock = false, CancellationToken cancellationToken = default)
    {
        var name = UniqueBucketName(purpose);
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name, ObjectLockEnabledForBucket = objectLock }, cancellationToken);
        return name;
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: integration tests need the Ceph RGW that scripts/test.sh starts. Run ./scripts/test.sh, " +
                "or start it with scripts/s3-start.sh and export the variables in .rgw/s3.env.");
}

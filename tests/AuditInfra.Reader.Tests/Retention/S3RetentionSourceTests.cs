using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.Reader.Retention;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Retention;

/// <summary>Object Lock evidence read from the real Ceph RGW.</summary>
public sealed class S3RetentionSourceTests
{
    private const string Day = "audit_logs/com.akamai.audit/ACCT/2026/11/01/";

    [Fact]
    public async Task Reads_the_default_rule_and_each_versions_lock()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("retention-evidence", objectLock: true);
        using var client = server.CreateClient();
        await SetDefaultAsync(client, bucket, ObjectLockRetentionMode.Governance, days: 2);

        await PutAsync(client, bucket, Day + "default.gz");
        await PutAsync(client, bucket, Day + "short.gz", ObjectLockMode.Governance, DateTime.UtcNow.AddHours(3));
        await PutAsync(client, bucket, Day + "stripped.gz");
        // A privileged user removes the lock (GOVERNANCE allows it with the bypass header): the evidence must show it.
        await client.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket,
            Key = Day + "stripped.gz",
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = DateTime.UtcNow.AddMinutes(5) },
            BypassGovernanceRetention = true,
        });
        await PutAsync(client, bucket, "audit_logs/com.akamai.audit/ACCT/2026/11/02/other-day.gz");

        var source = new S3RetentionSource(client, bucket);
        var policy = await source.GetDefaultRetentionAsync();
        Assert.Equal(new RetentionPolicy("GOVERNANCE", 2, null), policy);

        var versions = new List<ObjectVersionRetention>();
        await foreach (var v in source.ListVersionRetentionAsync(Day))
        {
            versions.Add(v);
        }

        Assert.Equal([Day + "default.gz", Day + "short.gz", Day + "stripped.gz"], versions.Select(v => v.Key).Order());
        var problems = versions.ToDictionary(v => v.Key[Day.Length..], v => RetentionEvaluator.FindProblem(v, policy!));
        Assert.Null(problems["default.gz"]);
        Assert.Contains("earlier than delivery time plus GOVERNANCE 2 days", problems["short.gz"]);
        Assert.Contains("earlier than delivery time plus", problems["stripped.gz"]);
        Assert.All(versions, v => Assert.False(string.IsNullOrEmpty(v.VersionId)));
    }

    [Fact]
    public async Task A_compliance_bucket_reports_a_governance_version_as_the_wrong_mode()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("retention-mode", objectLock: true);
        using var client = server.CreateClient();
        await SetDefaultAsync(client, bucket, ObjectLockRetentionMode.Compliance, days: 1);
        await PutAsync(client, bucket, Day + "weak.gz", ObjectLockMode.Governance, DateTime.UtcNow.AddDays(3));

        var source = new S3RetentionSource(client, bucket);
        var policy = await source.GetDefaultRetentionAsync();
        var version = Assert.Single(await ToListAsync(source.ListVersionRetentionAsync(Day)));
        Assert.Equal("GOVERNANCE", version.Mode);
        Assert.Contains("GOVERNANCE mode, expected COMPLIANCE", RetentionEvaluator.FindProblem(version, policy!));
    }

    [Fact]
    public async Task A_bucket_without_object_lock_is_a_clear_error()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("retention-nolock");
        using var client = server.CreateClient();
        var error = await Assert.ThrowsAsync<LogSourceException>(() => new S3RetentionSource(client, bucket).GetDefaultRetentionAsync());
        Assert.Contains("does not have Object Lock enabled", error.Message);
        Assert.Contains(bucket, error.Message);
    }

    [Fact]
    public async Task A_lock_bucket_without_a_default_rule_has_no_policy()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("retention-norule", objectLock: true);
        using var client = server.CreateClient();
        Assert.Null(await new S3RetentionSource(client, bucket).GetDefaultRetentionAsync());
    }

    private static async Task SetDefaultAsync(IAmazonS3 client, string bucket, ObjectLockRetentionMode mode, int days) =>
        await client.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = bucket,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = mode, Days = days } },
            },
        });

    private static async Task PutAsync(IAmazonS3 client, string bucket, string key, ObjectLockMode? mode = null, DateTime? until = null)
    {
        var request = new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "{}\n" };
        if (mode is not null)
        {
            request.ObjectLockMode = mode;
            request.ObjectLockRetainUntilDate = until;
        }

        await client.PutObjectAsync(request);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

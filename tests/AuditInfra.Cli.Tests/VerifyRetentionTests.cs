using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests;

/// <summary><c>verify --check-retention</c> end to end: a generated delivery in an Object Lock bucket on the real Ceph RGW.</summary>
public sealed class VerifyRetentionTests
{
    private const string Day = "2026-11-01";

    [Fact]
    public async Task A_delivery_locked_by_the_default_rule_is_clean_and_a_stripped_lock_is_an_unlocked_object()
    {
        var (bucket, client) = await LockedDeliveryAsync(ObjectLockRetentionMode.Governance);
        using var _ = client;

        var clean = await VerifyAsync(bucket, "--check-retention");
        Assert.True(clean.Exit == 0, clean.Error + clean.Output);

        var victim = (await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }))
            .S3Objects.First(o => o.Key.EndsWith("-config.gz", StringComparison.Ordinal)).Key;
        // What an insider with governance-bypass rights could do: shorten a log's lock so it can be deleted early.
        await client.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket,
            Key = victim,
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Governance, RetainUntilDate = DateTime.UtcNow.AddMinutes(10) },
            BypassGovernanceRetention = true,
        });

        var tampered = await VerifyAsync(bucket, "--check-retention");
        Assert.Equal(1, tampered.Exit);
        var finding = Assert.Single(Findings(tampered.Output), f => f.GetProperty("kind").GetString() == "unlocked_object");
        Assert.Equal(victim, finding.GetProperty("object").GetString());
        Assert.Contains("earlier than delivery time plus GOVERNANCE 1 day", finding.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Expecting_compliance_flags_every_object_of_a_governance_bucket()
    {
        var (bucket, client) = await LockedDeliveryAsync(ObjectLockRetentionMode.Governance);
        using var _ = client;
        var objects = (await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects
            .Count(o => o.Key.Contains("/akamai_log-", StringComparison.Ordinal));

        var result = await VerifyAsync(bucket, "--check-retention", "--expect-mode", "COMPLIANCE");
        Assert.Equal(1, result.Exit);
        var unlocked = Findings(result.Output).Where(f => f.GetProperty("kind").GetString() == "unlocked_object").ToList();
        Assert.Equal(objects, unlocked.Count);
        Assert.All(unlocked, f => Assert.Contains("GOVERNANCE mode, expected COMPLIANCE", f.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Without_the_flag_no_retention_is_checked()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("verify-nolock-noflag");
        var generated = await RunAsync("generate", "--output", $"s3://{bucket}", "--from", Day, "--endpoint", server.Endpoint);
        Assert.True(generated.Exit == 0, generated.Error);
        var result = await VerifyAsync(bucket);
        Assert.True(result.Exit == 0, result.Error + result.Output);
    }

    [Fact]
    public async Task A_bucket_without_object_lock_is_one_clear_error()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("verify-nolock");
        var result = await VerifyAsync(bucket, "--check-retention");
        Assert.Equal(2, result.Exit);
        Assert.Equal($"auditinfra: bucket '{bucket}' does not have Object Lock enabled, so no delivered log is protected from deletion", result.Error.Trim());
    }

    [Fact]
    public async Task A_folder_cannot_show_retention()
    {
        using var folder = new TempDirectory("retention-folder");
        var result = await RunAsync("verify", "--source", folder.Path, "--from", Day, "--to", Day, "--check-retention");
        Assert.Equal(2, result.Exit);
        Assert.Contains("--check-retention needs an S3 source", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Expectations_without_the_check_are_a_usage_error()
    {
        using var folder = new TempDirectory("retention-flags");
        var result = await RunAsync("verify", "--source", folder.Path, "--from", Day, "--to", Day, "--expect-days", "30");
        Assert.Equal(2, result.Exit);
        Assert.Contains("only apply with --check-retention", result.Error);
    }

    private static async Task<(string Bucket, AmazonS3Client Client)> LockedDeliveryAsync(ObjectLockRetentionMode mode)
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("verify-retention", objectLock: true);
        var client = server.CreateClient();
        await client.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = bucket,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = mode, Days = 1 } },
            },
        });
        var generated = await RunAsync("generate", "--output", $"s3://{bucket}", "--from", Day, "--endpoint", server.Endpoint, "--records", "5");
        Assert.True(generated.Exit == 0, generated.Error);
        return (bucket, client);
    }

    private static Task<(int Exit, string Output, string Error)> VerifyAsync(string bucket, params string[] extra) =>
        RunAsync(["verify", "--source", $"s3://{bucket}", "--endpoint", S3TestServer.Instance.Endpoint, "--from", Day, "--to", Day, "--format", "json", .. extra]);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<JsonElement> Findings(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().ToList();
}

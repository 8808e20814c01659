using Amazon.S3.Model;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using AuditInfra.TestSupport;
using Grpc.Core;

namespace AuditInfra.Provider.Tests;

/// <summary>preview → up → refresh → update → destroy of ObjectLockBucket, driven over HTTP/2 against the real Ceph RGW.</summary>
public sealed class ObjectLockBucketLifecycleTests
{
    [Fact]
    public async Task Preview_up_refresh_update_destroy_round_trip_against_rgw()
    {
        await using var session = await ProviderSession.StartAsync(ProviderSession.RgwConfig());
        using var s3 = S3TestServer.Instance.CreateClient();
        var bucket = S3TestServer.UniqueBucketName("lifecycle");
        var news = $$"""{"bucketName":"{{bucket}}","retention":{"mode":"GOVERNANCE","days":"2"} }""";

        // preview: Check normalizes the config-style string "2" to a number; Create(preview) touches nothing.
        var check = await session.CheckAsync("logs", news);
        Assert.Empty(check.Failures);
        Assert.Equal(2, check.Inputs.Fields["retention"].StructValue.Fields["days"].NumberValue);
        var preview = await session.CreateAsync("logs", check.Inputs, preview: true);
        Assert.Equal(string.Empty, preview.Id);
        Assert.Equal($"{bucket}.{new Uri(S3TestServer.Instance.Endpoint).Authority}", preview.Properties.Fields["hostname"].StringValue);
        Assert.False(await BucketExistsAsync(s3, bucket));

        // up
        var created = await session.CreateAsync("logs", check.Inputs, preview: false);
        Assert.Equal(bucket, created.Id);
        Assert.True(created.Properties.Fields["objectLockEnabled"].BoolValue);
        var lockConfig = await s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket });
        Assert.Equal("GOVERNANCE", lockConfig.ObjectLockConfiguration.Rule.DefaultRetention.Mode.Value);
        Assert.Equal(2, lockConfig.ObjectLockConfiguration.Rule.DefaultRetention.Days);
        await Poll.UntilAsync(() => session.Engine.Logs.Any(l => l.Urn == ProviderSession.BucketUrn("logs") && l.Message.Contains(bucket)), TimeSpan.FromSeconds(5), "the create log line");

        // the next preview: same inputs → DIFF_NONE
        var same = await session.DiffAsync("logs", bucket, created.Properties, check.Inputs, check.Inputs);
        Assert.Equal(DiffResult.Types.Changes.DiffNone, same.Changes);

        // refresh: Read returns the live state and the inputs that produce it
        var read = await session.ReadAsync("logs", bucket, created.Properties, check.Inputs);
        Assert.Equal(bucket, read.Id);
        Assert.Equal("Enabled", read.Properties.Fields["versioning"].StringValue);
        Assert.Equal(check.Inputs, read.Inputs);

        // update: a new retention is an in-place update
        var changed = (await session.CheckAsync("logs", $$"""{"bucketName":"{{bucket}}","retention":{"mode":"GOVERNANCE","days":5} }""", news)).Inputs;
        var diff = await session.DiffAsync("logs", bucket, read.Properties, read.Inputs, changed);
        Assert.Equal(DiffResult.Types.Changes.DiffSome, diff.Changes);
        Assert.Equal(new[] { "retention" }, diff.Diffs);
        Assert.Empty(diff.Replaces);
        var previewUpdate = await session.UpdateAsync("logs", bucket, read.Properties, read.Inputs, changed, preview: true);
        Assert.Equal(5, previewUpdate.Properties.Fields["retention"].StructValue.Fields["days"].NumberValue);
        Assert.Equal(2, (await s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket })).ObjectLockConfiguration.Rule.DefaultRetention.Days);
        var updated = await session.UpdateAsync("logs", bucket, read.Properties, read.Inputs, changed, preview: false);
        Assert.Equal(5, (await s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket })).ObjectLockConfiguration.Rule.DefaultRetention.Days);
        await Poll.UntilAsync(() => session.Engine.Logs.Any(l => l.Severity == Severity.Warning && l.Message.Contains("already stored")), TimeSpan.FromSeconds(5), "the retention warning");

        // a new name replaces, deleting first (names are unique)
        var renamed = (await session.CheckAsync("logs", $$"""{"bucketName":"{{bucket}}-b","retention":{"mode":"GOVERNANCE","days":5} }""")).Inputs;
        var replace = await session.DiffAsync("logs", bucket, updated.Properties, changed, renamed);
        Assert.Equal(new[] { "bucketName" }, replace.Replaces);
        Assert.True(replace.DeleteBeforeReplace);
        Assert.Equal(PropertyChange.Types.Kind.UpdateReplace, replace.DetailedDiff["bucketName"].Kind);

        // destroy, then refresh sees it gone (empty id)
        await session.DeleteAsync("logs", bucket, updated.Properties);
        Assert.False(await BucketExistsAsync(s3, bucket));
        var gone = await session.ReadAsync("logs", bucket, updated.Properties, changed);
        Assert.Equal(string.Empty, gone.Id);
        await session.DeleteAsync("logs", bucket, updated.Properties); // already gone counts as deleted
    }

    [Fact]
    public async Task Destroy_refuses_while_versions_are_retained_and_deletes_nothing()
    {
        await using var session = await ProviderSession.StartAsync(ProviderSession.RgwConfig());
        using var s3 = S3TestServer.Instance.CreateClient();
        var bucket = S3TestServer.UniqueBucketName("locked");
        var inputs = (await session.CheckAsync("locked", $$"""{"bucketName":"{{bucket}}","retention":{"mode":"COMPLIANCE","days":1} }""")).Inputs;
        var created = await session.CreateAsync("locked", inputs, preview: false);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "audit_logs/a.gz", ContentBody = "one" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "audit_logs/b.gz", ContentBody = "two" });

        var error = await Assert.ThrowsAsync<RpcException>(() => session.DeleteAsync("locked", bucket, created.Properties));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("2 object version(s)", error.Message);
        Assert.Contains("COMPLIANCE", error.Message);
        Assert.Matches(@"until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", error.Message);
        var left = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
        Assert.Equal(2, left.Versions.Count);
    }

    [Fact]
    public async Task Import_reads_an_existing_lock_bucket_into_inputs_and_outputs()
    {
        await using var session = await ProviderSession.StartAsync(ProviderSession.RgwConfig());
        using var s3 = S3TestServer.Instance.CreateClient();
        var bucket = await S3TestServer.Instance.CreateBucketAsync("import", objectLock: true);
        await s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
        {
            BucketName = bucket,
            ObjectLockConfiguration = new ObjectLockConfiguration
            {
                ObjectLockEnabled = Amazon.S3.ObjectLockEnabled.Enabled,
                Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = Amazon.S3.ObjectLockRetentionMode.Compliance, Years = 1 } },
            },
        });

        // `pulumi import` sends only the id.
        var read = await session.ReadAsync("imported", bucket, new Google.Protobuf.WellKnownTypes.Struct(), new Google.Protobuf.WellKnownTypes.Struct());

        Assert.Equal(bucket, read.Id);
        var retention = read.Inputs.Fields["retention"].StructValue.Fields;
        Assert.Equal(("COMPLIANCE", 1.0), (retention["mode"].StringValue, retention["years"].NumberValue));
        Assert.False(retention.ContainsKey("days"));
        Assert.True(read.Properties.Fields["objectLockEnabled"].BoolValue);
        var check = await session.CheckAsync("imported", $$"""{"bucketName":"{{bucket}}","retention":{"mode":"COMPLIANCE","years":1} }""");
        Assert.Equal(DiffResult.Types.Changes.DiffNone, (await session.DiffAsync("imported", bucket, read.Properties, read.Inputs, check.Inputs)).Changes);
    }

    private static async Task<bool> BucketExistsAsync(Amazon.S3.AmazonS3Client s3, string bucket) =>
        (await s3.ListBucketsAsync()).Buckets?.Any(b => b.BucketName == bucket) ?? false;
}

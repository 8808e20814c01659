using AuditInfra.Provider.Tests.Harness;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// Refresh never drops a live audit bucket: Read, Update and Delete look for the bucket only at the endpoint its
/// state records, and "cannot see it" (403) is an error, not "gone". Over real HTTP/2 against the Ceph RGW.
/// </summary>
public sealed class RecordedEndpointTests
{
    private const string OtherEndpoint = "https://us-iad-1.linodeobjects.com";

    [Fact]
    public async Task Read_update_and_delete_refuse_a_state_recorded_at_another_endpoint_and_keep_the_bucket()
    {
        await using var session = await ProviderSession.StartAsync(ProviderSession.RgwConfig());
        var bucket = S3TestServer.UniqueBucketName("moved");
        var inputs = (await session.CheckAsync("moved", $$"""{"bucketName":"{{bucket}}","retention":{"mode":"GOVERNANCE","days":1} }""")).Inputs;
        var created = await session.CreateAsync("moved", inputs, preview: false);
        var elsewhere = created.Properties.Clone();
        elsewhere.Fields["endpoint"] = AuditInfra.Grpc.Wire.Value.ForString(OtherEndpoint);
        var changed = (await session.CheckAsync("moved", $$"""{"bucketName":"{{bucket}}","retention":{"mode":"GOVERNANCE","days":2} }""")).Inputs;

        var read = await Assert.ThrowsAsync<RpcException>(() => session.ReadAsync("moved", bucket, elsewhere, inputs));
        var update = await Assert.ThrowsAsync<RpcException>(() => session.UpdateAsync("moved", bucket, elsewhere, inputs, changed, preview: false));
        var delete = await Assert.ThrowsAsync<RpcException>(() => session.DeleteAsync("moved", bucket, elsewhere));

        foreach (var error in new[] { read, update, delete })
        {
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Contains(OtherEndpoint, error.Status.Detail);
            Assert.Contains(S3TestServer.Instance.Endpoint, error.Status.Detail);
        }

        using var s3 = S3TestServer.Instance.CreateClient();
        Assert.Contains((await s3.ListBucketsAsync()).Buckets, b => b.BucketName == bucket);
        Assert.Equal(1, (await s3.GetObjectLockConfigurationAsync(new() { BucketName = bucket })).ObjectLockConfiguration.Rule.DefaultRetention.Days);

        // At its own endpoint the same bucket reads as live, and a bucket missing there is gone.
        Assert.Equal(bucket, (await session.ReadAsync("moved", bucket, created.Properties, inputs)).Id);
        await session.DeleteAsync("moved", bucket, created.Properties);
        Assert.Equal(string.Empty, (await session.ReadAsync("moved", bucket, created.Properties, inputs)).Id);
    }

    [Fact]
    public async Task Credentials_that_cannot_see_the_bucket_are_permission_denied_not_gone()
    {
        await using var owner = await ProviderSession.StartAsync(ProviderSession.RgwConfig());
        var bucket = S3TestServer.UniqueBucketName("unseen");
        var inputs = (await owner.CheckAsync("unseen", $$"""{"bucketName":"{{bucket}}","retention":{"mode":"GOVERNANCE","days":1} }""")).Inputs;
        var created = await owner.CreateAsync("unseen", inputs, preview: false);
        await using var stranger = await ProviderSession.StartAsync(ProviderSession.RgwConfig(secretKey: "not-the-secret-key"));

        var read = await Assert.ThrowsAsync<RpcException>(() => stranger.ReadAsync("unseen", bucket, created.Properties, inputs));

        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(bucket, (await owner.ReadAsync("unseen", bucket, created.Properties, inputs)).Id);
        await owner.DeleteAsync("unseen", bucket, created.Properties);
    }
}

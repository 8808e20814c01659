using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using AuditInfra.TestSupport;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Tests;

/// <summary>Bad inputs end as Check failures or deliberate gRPC statuses — never Unknown, which the engine reads as "state unknown".</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Check_reports_one_failure_per_bad_property()
    {
        await using var session = await ProviderSession.StartAsync();
        var result = await session.CheckAsync("bad", """{"bucketName":"Bad_Name","retention":{"mode":"FOREVER","days":3,"years":1} }""");

        var failures = result.Failures.ToDictionary(f => f.Property, f => f.Reason);
        Assert.Contains("lowercase", failures["bucketName"]);
        Assert.Contains("COMPLIANCE, GOVERNANCE", failures["retention.mode"]);
        Assert.Contains("not both", failures["retention.years"]);
        Assert.NotNull(result.Inputs); // inputs are always returned (pitfall 9)
    }

    [Fact]
    public async Task Check_reports_wrong_types_and_missing_inputs()
    {
        await using var session = await ProviderSession.StartAsync();
        var result = await session.CheckAsync("typed", """{"bucketName":42,"retention":{"days":1.5} }""");

        var failures = result.Failures.ToDictionary(f => f.Property, f => f.Reason);
        Assert.Equal("must be a string, not the number 42", failures["bucketName"]);
        Assert.Equal("is required", failures["retention.mode"]);
        Assert.Contains("whole number", failures["retention.days"]);
    }

    [Fact]
    public async Task Preview_passes_unknowns_through_Check_Diff_and_Create()
    {
        await using var session = await ProviderSession.StartAsync();
        var news = $$"""{"bucketName":"{{Props.Unknown}}","retention":{"mode":"GOVERNANCE","days":1} }""";

        var check = await session.CheckAsync("later", news);
        Assert.Empty(check.Failures);
        Assert.True(Props.IsUnknown(check.Inputs.Fields["bucketName"]));

        var diff = await session.DiffAsync("later", "old-bucket", Props.Json("""{"bucketName":"old-bucket"}"""), Props.Json("""{"bucketName":"old-bucket","retention":{"mode":"GOVERNANCE","days":1} }"""), check.Inputs);
        Assert.Equal(new[] { "bucketName" }, diff.Replaces);

        var create = await session.CreateAsync("later", check.Inputs, preview: true);
        Assert.True(Props.IsUnknown(create.Properties.Fields["bucketName"]));
        Assert.True(Props.IsUnknown(create.Properties.Fields["hostname"]));
        Assert.Equal("GOVERNANCE", create.Properties.Fields["retention"].StructValue.Fields["mode"].StringValue);
    }

    [Fact]
    public async Task Missing_configuration_names_the_keys_to_set()
    {
        await using var session = await ProviderSession.StartAsync("""{"region":"us-ord"}""");
        var inputs = (await session.CheckAsync("nocfg", """{"bucketName":"no-config-bucket","retention":{"mode":"GOVERNANCE","days":1} }""")).Inputs;

        var preview = await session.CreateAsync("nocfg", inputs, preview: true); // previews need no credentials
        Assert.True(Props.IsUnknown(preview.Properties.Fields["endpoint"]));
        var error = await Assert.ThrowsAsync<RpcException>(() => session.CreateAsync("nocfg", inputs, preview: false));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("auditinfra:s3Endpoint, auditinfra:accessKey, auditinfra:secretKey", error.Message);
    }

    [Fact]
    public async Task Bad_credentials_are_permission_denied()
    {
        await using var session = await ProviderSession.StartAsync(ProviderSession.RgwConfig(secretKey: "wrong-secret-key"));
        var inputs = (await session.CheckAsync("creds", $$"""{"bucketName":"{{S3TestServer.UniqueBucketName("creds")}}","retention":{"mode":"GOVERNANCE","days":1} }""")).Inputs;

        var error = await Assert.ThrowsAsync<RpcException>(() => session.CreateAsync("creds", inputs, preview: false));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("Object Storage answered", error.Message);
    }

    [Fact]
    public async Task A_taken_bucket_name_is_already_exists_and_the_bucket_is_left_alone()
    {
        await using var session = await ProviderSession.StartAsync(ProviderSession.RgwConfig());
        var taken = await S3TestServer.Instance.CreateBucketAsync("taken");
        var inputs = (await session.CheckAsync("taken", $$"""{"bucketName":"{{taken}}","retention":{"mode":"GOVERNANCE","days":1} }""")).Inputs;

        var error = await Assert.ThrowsAsync<RpcException>(() => session.CreateAsync("taken", inputs, preview: false));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("pulumi import auditinfra:index:ObjectLockBucket taken " + taken, error.Message);
        using var s3 = S3TestServer.Instance.CreateClient();
        Assert.Contains((await s3.ListBucketsAsync()).Buckets, b => b.BucketName == taken);
    }

    [Fact]
    public async Task Unknown_types_bad_config_and_unserved_methods_get_deliberate_codes()
    {
        await using var session = await ProviderSession.StartAsync();

        var unknownType = await Assert.ThrowsAsync<RpcException>(() => session.Plugin.CallAsync(
            "Check", new CheckArgs { Urn = "urn:pulumi:test::p::auditinfra:index:Nope::x", Type = "auditinfra:index:Nope", News = ByteString.Empty }, CheckResult.Parser));
        Assert.Equal(StatusCode.InvalidArgument, unknownType.StatusCode);
        Assert.Contains("auditinfra:index:ObjectLockBucket", unknownType.Message);

        var badConfig = await session.Plugin.CallAsync("CheckConfig", new CheckArgs { News = Props.Encoded("""{"s3Endpoint":"not a url","version":"0.1.0"}""") }, CheckResult.Parser);
        Assert.Equal("s3Endpoint", Assert.Single(badConfig.Failures).Property);
        Assert.Equal("0.1.0", badConfig.Inputs.Fields["version"].StringValue); // extra keys are echoed (pitfall 14)

        var unserved = await Assert.ThrowsAsync<RpcException>(() => session.Plugin.CallAsync("Invoke", new Empty(), Empty.Parser));
        Assert.Equal(StatusCode.Unimplemented, unserved.StatusCode);
    }
}

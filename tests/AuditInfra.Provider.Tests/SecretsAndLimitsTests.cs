using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Tests;

/// <summary>Secrets stay secret through Check and Create (pitfall 8), DiffConfig never replaces (13), deep values parse (24).</summary>
public sealed class SecretsAndLimitsTests
{
    [Fact]
    public async Task A_secret_input_comes_back_secret_from_Check_and_Create()
    {
        await using var session = await ProviderSession.StartAsync("""{"s3Endpoint":"https://us-ord-1.linodeobjects.com"}""");
        var news = $$"""{"bucketName":{{Props.SecretJson("\"hidden-bucket\"")}},"retention":{"mode":"GOVERNANCE","days":1} }""";

        var check = await session.CheckAsync("secret", news);
        var preview = await session.CreateAsync("secret", check.Inputs, preview: true);

        Assert.True(Props.IsSecret(check.Inputs.Fields["bucketName"]));
        Assert.True(Props.IsSecret(preview.Properties.Fields["bucketName"]));
        Assert.Equal("hidden-bucket", Props.Unwrap(preview.Properties.Fields["bucketName"]).StringValue);
        Assert.True(Props.IsSecret(preview.Properties.Fields["hostname"])); // computed from the secret name
        Assert.False(Props.IsSecret(preview.Properties.Fields["retention"]));
    }

    [Fact]
    public async Task DiffConfig_reports_changes_but_never_replaces_the_provider()
    {
        await using var session = await ProviderSession.StartAsync();
        var request = new DiffArgs
        {
            Urn = "urn:pulumi:test::audit-logs::pulumi:providers:auditinfra::default",
            Olds = Props.Encoded("""{"s3Endpoint":"https://us-ord-1.linodeobjects.com","accessKey":"A"}"""),
            OldInputs = Props.Encoded("""{"s3Endpoint":"https://us-ord-1.linodeobjects.com","accessKey":"A"}"""),
            News = Props.Encoded("""{"s3Endpoint":"https://us-iad-1.linodeobjects.com","accessKey":"B"}"""),
        };

        var diff = await session.Plugin.CallAsync("DiffConfig", request, DiffResult.Parser);

        Assert.Equal(DiffResult.Types.Changes.DiffSome, diff.Changes);
        Assert.Equal(["accessKey", "s3Endpoint"], diff.Diffs.Order());
        Assert.Empty(diff.Replaces);
    }

    [Fact]
    public async Task Deeply_nested_values_parse_beyond_the_default_protobuf_recursion_limit()
    {
        await using var session = await ProviderSession.StartAsync();
        var deep = Value.ForString("bottom");
        for (var i = 0; i < 60; i++)
        {
            deep = Value.ForStruct(new Struct { Fields = { ["n"] = deep } });
        }

        var news = Props.Json("""{"bucketName":"deep-bucket","retention":{"mode":"GOVERNANCE","days":1} }""");
        news.Fields["extra"] = deep; // 60 JSON levels ≈ 180 protobuf levels; the library default stops at 100

        var check = await session.Plugin.CallAsync(
            "Check", new CheckArgs { Urn = ProviderSession.BucketUrn("deep"), Type = "auditinfra:index:ObjectLockBucket", Olds = ByteString.Empty, News = news.ToByteString() }, CheckResult.Parser);

        Assert.Empty(check.Failures);
        Assert.Equal("deep-bucket", check.Inputs.Fields["bucketName"].StringValue);
    }

    [Fact]
    public async Task Errors_about_secret_inputs_never_show_the_value()
    {
        await using var session = await ProviderSession.StartAsync();
        var config = Props.Json($$"""{"accessKey":{{Props.SecretJson("7.5")}},"s3Endpoint":{{Props.SecretJson("\"ftp://hidden-host.example\"")}} }""");

        var configure = await Assert.ThrowsAsync<RpcException>(() => session.Plugin.CallAsync(
            "Configure", new ConfigureArgs { Args = config.ToByteString(), AcceptSecrets = true }, ConfigureResult.Parser));
        var checkConfig = await session.Plugin.CallAsync("CheckConfig", new CheckArgs { News = config.ToByteString() }, CheckResult.Parser);
        var check = await session.CheckAsync("hidden", $$"""{"bucketName":{{Props.SecretJson("\"Hidden_Bucket_Name\"")}},"retention":{"mode":"GOVERNANCE","days":1} }""");

        Assert.Equal(StatusCode.InvalidArgument, configure.StatusCode);
        Assert.Contains("accessKey must be a string, not a secret number", configure.Status.Detail);
        var texts = new[] { configure.Status.Detail }.Concat(checkConfig.Failures.Select(f => f.Reason)).Concat(check.Failures.Select(f => f.Reason)).ToList();
        Assert.Equal(["accessKey", "s3Endpoint"], checkConfig.Failures.Select(f => f.Property).Order());
        Assert.Equal(["bucketName"], check.Failures.Select(f => f.Property));
        Assert.All(texts, text => Assert.DoesNotContain("7.5", text));
        Assert.All(texts, text => Assert.DoesNotContain("hidden-host", text));
        Assert.All(texts, text => Assert.DoesNotContain("Hidden_Bucket_Name", text));
    }
}

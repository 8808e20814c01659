using Google.Protobuf;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>A plugin started with a fake engine, handshaken and configured for the test RGW, as the engine boots a provider.</summary>
public sealed class ProviderSession : IAsyncDisposable
{
    private ProviderSession(FakeEngine engine, ProviderProcess plugin)
    {
        Engine = engine;
        Plugin = plugin;
    }

    public FakeEngine Engine { get; }

    public ProviderProcess Plugin { get; }

    public static async Task<ProviderSession> StartAsync(string? configJson = null)
    {
        var engine = await FakeEngine.StartAsync();
        var plugin = await ProviderProcess.StartAsync([engine.Address]);
        var session = new ProviderSession(engine, plugin);
        await plugin.CallAsync("Handshake", new HandshakeRequest { EngineAddress = engine.Address, ConfigureWithUrn = true }, HandshakeResponse.Parser);
        if (configJson is not null)
        {
            await plugin.CallAsync("Configure", new ConfigureArgs { Args = Props.Encoded(configJson), AcceptSecrets = true, AcceptResources = true }, ConfigureResult.Parser);
        }

        return session;
    }

    /// <summary>Provider config for the test RGW with the keys as secret envelopes, as stack config `secure:` values arrive.</summary>
    public static string RgwConfig(string? secretKey = null)
    {
        var s3 = S3TestServer.Instance;
        return $$"""
            {"s3Endpoint":"{{s3.Endpoint}}","region":"{{s3.Region}}","version":"0.1.0",
             "accessKey":{{Props.SecretJson($"\"{s3.AccessKey}\"")}},"secretKey":{{Props.SecretJson($"\"{secretKey ?? s3.SecretKey}\"")}}}
            """;
    }

    public static string BucketUrn(string name) => $"urn:pulumi:test::audit-logs::auditinfra:index:ObjectLockBucket::{name}";

    public Task<CheckResult> CheckAsync(string name, string newsJson, string oldsJson = "{}") => Plugin.CallAsync(
        "Check",
        new CheckArgs { Urn = BucketUrn(name), Name = name, Type = "auditinfra:index:ObjectLockBucket", Olds = Props.Encoded(oldsJson), News = Props.Encoded(newsJson) },
        CheckResult.Parser);

    public Task<CreateResult> CreateAsync(string name, IMessage properties, bool preview) => Plugin.CallAsync(
        "Create",
        new CreateArgs { Urn = BucketUrn(name), Name = name, Type = "auditinfra:index:ObjectLockBucket", Properties = properties.ToByteString(), Preview = preview },
        CreateResult.Parser);

    public Task<DiffResult> DiffAsync(string name, string id, IMessage olds, IMessage oldInputs, IMessage news) => Plugin.CallAsync(
        "Diff",
        new DiffArgs { Urn = BucketUrn(name), Name = name, Type = "auditinfra:index:ObjectLockBucket", Id = id, Olds = olds.ToByteString(), OldInputs = oldInputs.ToByteString(), News = news.ToByteString() },
        DiffResult.Parser);

    public Task<ReadResult> ReadAsync(string name, string id, IMessage properties, IMessage inputs) => Plugin.CallAsync(
        "Read",
        new ReadArgs { Urn = BucketUrn(name), Name = name, Type = "auditinfra:index:ObjectLockBucket", Id = id, Properties = properties.ToByteString(), Inputs = inputs.ToByteString() },
        ReadResult.Parser);

    public Task<UpdateResult> UpdateAsync(string name, string id, IMessage olds, IMessage oldInputs, IMessage news, bool preview) => Plugin.CallAsync(
        "Update",
        new UpdateArgs { Urn = BucketUrn(name), Name = name, Type = "auditinfra:index:ObjectLockBucket", Id = id, Olds = olds.ToByteString(), OldInputs = oldInputs.ToByteString(), News = news.ToByteString(), Preview = preview },
        UpdateResult.Parser);

    public Task<Empty> DeleteAsync(string name, string id, IMessage properties) => Plugin.CallAsync(
        "Delete",
        new DeleteArgs { Urn = BucketUrn(name), Name = name, Type = "auditinfra:index:ObjectLockBucket", Id = id, Properties = properties.ToByteString() },
        Empty.Parser);

    public async ValueTask DisposeAsync()
    {
        await Plugin.DisposeAsync();
        await Engine.DisposeAsync();
    }
}

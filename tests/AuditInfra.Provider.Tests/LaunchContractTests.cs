using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests;

/// <summary>The launch contract of research/pulumi-provider.md §1: argv, the port line, h2c, Handshake, Cancel, SIGINT.</summary>
public sealed class LaunchContractTests
{
    [Fact]
    public async Task Prints_only_the_port_and_serves_the_boot_sequence_then_exits_cleanly_on_sigint()
    {
        await using var engine = await FakeEngine.StartAsync();
        var plugin = await ProviderProcess.StartAsync(["--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:1", engine.Address]);

        Assert.Matches(@"^[0-9]{1,5}\n$", plugin.PortLine);
        var handshake = await plugin.CallAsync("Handshake", new HandshakeRequest { EngineAddress = engine.Address, ConfigureWithUrn = true, SupportsRefreshBeforeUpdate = true }, HandshakeResponse.Parser);
        Assert.True(handshake.AcceptSecrets);
        Assert.True(handshake.AcceptResources);
        var info = await plugin.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser);
        Assert.Matches(@"^\d+\.\d+\.\d+", info.Version);
        var configure = await plugin.CallAsync("Configure", new ConfigureArgs { Args = Props.Encoded("""{"region":"us-ord","version":"0.1.0"}"""), AcceptSecrets = true }, ConfigureResult.Parser);
        Assert.Equal((handshake.AcceptSecrets, handshake.AcceptResources, handshake.AcceptOutputs), (configure.AcceptSecrets, configure.AcceptResources, configure.AcceptOutputs));
        Assert.True(configure.SupportsPreview);
        await plugin.CallAsync("Cancel", new Empty(), Empty.Parser); // must succeed (pitfall 5)

        var took = await plugin.InterruptAsync();

        Assert.Equal(0, plugin.ExitCode);
        Assert.True(took < TimeSpan.FromSeconds(5), $"exit took {took}");
        Assert.Equal(string.Empty, await plugin.RestOfStdoutAsync());
        await plugin.DisposeAsync();
    }

    [Fact]
    public async Task Serves_concurrent_calls_on_one_connection()
    {
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        var calls = Enumerable.Range(0, 64).Select(_ => plugin.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser));

        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.Equal(answers[0].Version, a.Version));
    }

    [Fact]
    public async Task Attach_mode_takes_the_engine_address_from_Attach()
    {
        await using var engine = await FakeEngine.StartAsync();
        await using var plugin = await ProviderProcess.StartAsync([]);

        await plugin.CallAsync("Attach", new AttachRequest { Address = engine.Address }, Empty.Parser);

        Assert.NotNull(await plugin.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser));
    }
}

using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// How the plugin serves its methods: the hand-written method list is the generated one, and a call made after the
/// port is announced but before the server runs (what the engine does, as the port comes first) is answered.
/// </summary>
public sealed class ServiceBindingTests
{
    [Fact]
    public void The_method_list_binds_what_the_generated_BindService_binds()
    {
        using var provider = new ResourceProviderService(null, _ => null);
        var listed = new UnaryMethods<ResourceProviderService>(ResourceProviderService.ServiceName);
        ResourceProviderService.Bind(listed, provider);

        var generated = GeneratedBinding.Signatures(binder => ResourceProvider.BindService(binder, provider));

        Assert.Equal(15, generated.Count);
        Assert.Equal(generated, GeneratedBinding.Signatures(listed.Signatures));
    }

    [Fact]
    public async Task A_call_made_between_the_port_and_the_start_is_answered_once_the_server_runs()
    {
        using var provider = new ResourceProviderService(null, _ => null);
        await using var server = new PluginServer(ResourceProviderService.Limits)
            .AddService(provider, ResourceProviderService.ServiceName, ResourceProviderService.Bind, ErrorMapping.ToGrpc);
        var port = server.Listen();
        using var early = new System.Net.Sockets.TcpClient();
        await early.ConnectAsync(System.Net.IPAddress.Loopback, port); // queued in the backlog: nothing serves yet
        using var client = new PluginClient($"127.0.0.1:{port}", ResourceProviderService.ServiceName);

        var call = client.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser, TimeSpan.FromSeconds(60));
        await server.StartAsync(CancellationToken.None);

        Assert.Equal(port, server.Port);
        Assert.Equal(ResourceProviderService.Version, (await call).Version);
        Assert.True(early.Connected);
    }
}

using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// The provider's rd.xml lists (its own and the shared one) name every generic type dependency injection closes
/// while the plugin starts and answers its first call, so that the native build compiles them ahead of time.
/// </summary>
public sealed class StartupGenericsTests
{
    [Fact]
    public async Task Every_generic_type_the_container_closes_at_start_is_compiled_ahead_of_time()
    {
        using var generics = new StartupGenerics();
        using (var provider = new ResourceProviderService(null, _ => null))
        {
            await using var server = new PluginServer(ResourceProviderService.Limits)
                .AddService(provider, ResourceProviderService.ServiceName, ResourceProviderService.Bind, ErrorMapping.ToGrpc);
            await server.StartAsync(CancellationToken.None);
            using var client = new PluginClient(server.Address, ResourceProviderService.ServiceName);
            await client.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser, TimeSpan.FromSeconds(60));
        }

        var missing = generics.MissingLines("pulumi-resource-auditinfra", "components/AuditInfra.Provider/StartupGenerics.rd.xml");
        Assert.True(missing.Count == 0, "add to the rd.xml files:\n" + string.Join('\n', missing));
    }
}

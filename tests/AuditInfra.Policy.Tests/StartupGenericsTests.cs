using AuditInfra.Grpc.Hosting;
using AuditInfra.Policy.Analyzer.Analysis;
using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Settings;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// The analyzer's rd.xml lists (its own and the shared one) name every generic type dependency injection closes
/// while the plugin starts and answers its first call, so that the native build compiles them ahead of time.
/// </summary>
public sealed class StartupGenericsTests
{
    [Fact]
    public async Task Every_generic_type_the_container_closes_at_start_is_compiled_ahead_of_time()
    {
        using var generics = new StartupGenerics();
        await using (var server = new PluginServer(AnalyzerService.Limits)
            .AddService(new AnalyzerService(new PolicyPack(PolicySettings.Defaults, "dev", TimeProvider.System)), AnalyzerService.ServiceName, AnalyzerService.Bind))
        {
            await server.StartAsync(CancellationToken.None);
            using var client = new PluginClient(server.Address, AnalyzerService.ServiceName);
            await client.CallAsync("GetPluginInfo", new Empty(), PluginInfo.Parser, TimeSpan.FromSeconds(60));
        }

        var missing = generics.MissingLines("pulumi-analyzer-policy-auditinfra", "stacks/AuditInfra.Policy.Analyzer/StartupGenerics.rd.xml");
        Assert.True(missing.Count == 0, "add to the rd.xml files:\n" + string.Join('\n', missing));
    }
}

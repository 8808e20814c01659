using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;

// pulumi-resource-auditinfra: started by the Pulumi engine. The first stdout line is the port and nothing else
// ever goes to stdout; SIGINT (what the engine sends at shutdown) or SIGTERM ends it cleanly (PluginHost).
var launch = LaunchArguments.Parse(args);
using var provider = new ResourceProviderService(launch.EngineAddress, Environment.GetEnvironmentVariable);
await using var server = new PluginServer(ResourceProviderService.Limits)
    .AddService(provider, ResourceProviderService.ServiceName, ResourceProviderService.Bind, ErrorMapping.ToGrpc);
return await PluginHost.RunAsync("pulumi-resource-auditinfra", server);

using System.Net;
using AuditInfra.Policy.Analyzer.Analysis;
using AuditInfra.Policy.Analyzer.Grpc;
using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Input;
using AuditInfra.Policy.Settings;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The engine starts the plugin with [engineAddress, packDir, -option=value...] in the policy pack's folder and
// reads the port from the first line of stdout; nothing else may be written there.
PolicySettings settings;
try
{
    settings = PolicySettingsLoader.Load(Path.Combine(Directory.GetCurrentDirectory(), PolicySettingsLoader.DefaultFileName), PolicySettingsLoader.DefaultFileName, required: false);
}
catch (PolicyInputException ex)
{
    Console.Error.WriteLine($"pulumi-analyzer-policy-auditinfra: {ex.Message}");
    return 2;
}

var stack = Environment.GetEnvironmentVariable("PULUMI_STACK") is { Length: > 0 } s ? s[(s.LastIndexOf('/') + 1)..] : "dev";
var pack = new PolicyPack(settings, stack, TimeProvider.System);
var endpoint = new GrpcEndpoint("pulumirpc.Analyzer", new Dictionary<string, GrpcMethod>(StringComparer.Ordinal)
{
    ["GetPluginInfo"] = new(Empty.Parser, (_, _) => Task.FromResult<IMessage>(new PluginInfo { Version = PolicyPack.Version })),
    ["GetAnalyzerInfo"] = new(Empty.Parser, (_, _) => Task.FromResult<IMessage>(pack.Info())),
    ["Configure"] = new(Empty.Parser, (_, _) => Task.FromResult<IMessage>(new Empty())),
    ["Analyze"] = new(AnalyzeRequest.Parser, (request, _) => Task.FromResult<IMessage>(pack.Analyze((AnalyzeRequest)request))),
    ["AnalyzeStack"] = new(AnalyzeStackRequest.Parser, (request, _) => Task.FromResult<IMessage>(pack.AnalyzeStack((AnalyzeStackRequest)request))),
});

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = null;
    kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
});
var app = builder.Build();
app.Run(endpoint.HandleAsync);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.Out.WriteLine(new Uri(address).Port);
Console.Out.Flush();
await app.WaitForShutdownAsync();
return 0;

using AuditInfra.Grpc;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Policy.Analyzer.Analysis;
using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Input;
using AuditInfra.Policy.Settings;
using Google.Protobuf.WellKnownTypes;

// The engine starts the plugin with [engineAddress, packDir, -option=value...] in the policy pack's folder and
// reads the port from the first line of stdout; nothing else may be written there (PluginHost keeps that contract).
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

const string Service = "pulumirpc.Analyzer";
var stack = Environment.GetEnvironmentVariable("PULUMI_STACK") is { Length: > 0 } s ? s[(s.LastIndexOf('/') + 1)..] : "dev";
var pack = new PolicyPack(settings, stack, TimeProvider.System);

// A method not mapped here answers UNIMPLEMENTED, which the engine accepts for the optional ones (Handshake, ...).
await using var server = new GrpcServer
{
    MapException = error => new GrpcException(GrpcStatusCode.Internal, $"{error.GetType().Name}: {error.Message}", error),
};
server
    .MapUnary(Service, "GetPluginInfo", Empty.Parser, (_, _) => Task.FromResult(new PluginInfo { Version = PolicyPack.Version }))
    .MapUnary(Service, "GetAnalyzerInfo", Empty.Parser, (_, _) => Task.FromResult(pack.Info()))
    .MapUnary(Service, "Configure", Empty.Parser, (_, _) => Task.FromResult(new Empty()))
    .MapUnary(Service, "Analyze", AnalyzeRequest.Parser, (request, _) => Task.FromResult(pack.Analyze(request)))
    .MapUnary(Service, "AnalyzeStack", AnalyzeStackRequest.Parser, (request, _) => Task.FromResult(pack.AnalyzeStack(request)));
return await PluginHost.RunAsync("pulumi-analyzer-policy-auditinfra", server);

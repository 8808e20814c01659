using AuditInfra.Grpc.Hosting;
using AuditInfra.Policy.Analyzer.Analysis;
using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Input;
using AuditInfra.Policy.Settings;

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

// Without PULUMI_STACK the stack is unknown: an empty name, which the settings hold to the prod rules (fail closed).
var stack = Environment.GetEnvironmentVariable("PULUMI_STACK") is { Length: > 0 } s ? s[(s.LastIndexOf('/') + 1)..] : "";
var pack = new PolicyPack(settings, stack, TimeProvider.System);

// A failure in the rules is a bug: INTERNAL with its type and message (GrpcErrors.Default), never UNKNOWN.
await using var server = new PluginServer(AnalyzerService.Limits)
    .AddService(new AnalyzerService(pack), AnalyzerService.ServiceName, AnalyzerService.Bind);
return await PluginHost.RunAsync("pulumi-analyzer-policy-auditinfra", server);

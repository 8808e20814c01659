using System.Runtime.InteropServices;
using AuditInfra.Provider.Grpc;
using AuditInfra.Provider.Hosting;
using AuditInfra.Provider.Protocol;

// pulumi-resource-auditinfra: started by the Pulumi engine. The first stdout line is the port and nothing else
// ever goes to stdout; SIGINT (what the engine sends at shutdown) or SIGTERM ends it cleanly.
var launch = LaunchArguments.Parse(args);
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

using var provider = new ResourceProviderService(launch.EngineAddress, Environment.GetEnvironmentVariable);
await using var server = new GrpcServer { MapException = ErrorMapping.ToGrpc };
provider.Map(server);
try
{
    await server.StartAsync(stop.Token);
}
catch (Exception error) when (error is IOException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"pulumi-resource-auditinfra: cannot listen on 127.0.0.1: {error.Message}");
    return 1;
}

// Written by hand with "\n" so engines of every age parse it (pitfall 1).
var stdout = Console.OpenStandardOutput();
await stdout.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{server.Port}\n"));
await stdout.FlushAsync();

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
await server.StopAsync(grace.Token);
return 0;

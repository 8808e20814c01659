using System.Runtime.InteropServices;
using System.Text;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// The launch contract every Pulumi plugin keeps: listen on the loopback, write the port as the first stdout line
/// and nothing else ever, serve until the engine sends SIGINT at shutdown (or SIGTERM arrives), then stop cleanly.
/// </summary>
public static class PluginHost
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    /// <summary>Runs <paramref name="server"/> (services already added) to the end; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string pluginName, PluginServer server)
    {
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

        try
        {
            await server.StartAsync(stop.Token);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"{pluginName}: cannot listen on 127.0.0.1: {error.Message}");
            return 1;
        }

        // Written by hand with "\n" so engines of every age parse it (pitfall 1).
        var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(Encoding.ASCII.GetBytes($"{server.Port}\n"));
        await stdout.FlushAsync();

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        using var grace = new CancellationTokenSource(StopGrace);
        await server.StopAsync(grace.Token);
        return 0;
    }
}

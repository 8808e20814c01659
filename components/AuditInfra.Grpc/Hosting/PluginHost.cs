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

        // The port is announced as soon as it is bound, as Go plugins do right after listen(): the engine's
        // connection waits in the backlog while the server is built, and its first call is answered once it runs.
        int port;
        try
        {
            port = server.Listen();
        }
        catch (IOException error)
        {
            await Console.Error.WriteLineAsync($"{pluginName}: cannot listen on 127.0.0.1: {error.Message}");
            return 1;
        }

        // Written by hand with "\n" so engines of every age parse it (pitfall 1).
        var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(Encoding.ASCII.GetBytes($"{port}\n"));
        await stdout.FlushAsync();

        try
        {
            await server.StartAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0; // SIGINT/SIGTERM before the server ran: nothing was served, nothing to drain
        }
        catch (Exception error) when (error is IOException or InvalidOperationException)
        {
            // Exiting closes the announced port: the engine sees the plugin end and shows this line.
            await Console.Error.WriteLineAsync($"{pluginName}: cannot serve on 127.0.0.1:{port}: {error.Message}");
            return 1;
        }

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

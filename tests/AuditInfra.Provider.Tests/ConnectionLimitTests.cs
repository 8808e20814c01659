using System.Net.Sockets;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// Kestrel's connection limits as the plugin sets them (issue 17: about 20,000 idle connections exhausted an unlimited
/// server; silent sockets were held for 75 s): a connection past the limit is closed at once and the plugin keeps
/// serving; a socket that never speaks, or speaks HTTP/2 and then falls silent, is closed. In process, so the limits
/// can be small; the transport is the Kestrel the plugin runs. Counts under real load: scripts/abuse-provider.sh.
/// </summary>
public sealed class ConnectionLimitTests
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    [Fact]
    public async Task A_connection_past_the_limit_is_closed_and_the_plugin_answers_again_once_slots_are_free()
    {
        using var provider = new ResourceProviderService(null, _ => null);
        var options = new PluginServerOptions { MaxConnections = 3, IdleTimeout = TimeSpan.FromMinutes(2), HeadersTimeout = TimeSpan.FromMinutes(2) };
        await using var server = await StartAsync(provider, options);

        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < options.MaxConnections; i++)
            {
                held.Add(await ConnectAsync(server.Port));
            }

            // Kestrel counts a connection once it has accepted it; the one past the limit is accepted and closed.
            using var extra = await ConnectAsync(server.Port);
            Assert.True(await ClosedByServerAsync(extra, TimeSpan.FromSeconds(20)), "the connection past the limit stayed open");
            foreach (var connection in held)
            {
                Assert.False(await ClosedByServerAsync(connection, TimeSpan.FromMilliseconds(200)), "a connection within the limit was closed");
            }
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }

        // The slots are freed as Kestrel notices the closed sockets: poll with a deadline for a successful call.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        PluginVersion? answer = null;
        while (answer is null && DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new PluginClient(server.Address, "pulumirpc.ResourceProvider");
                answer = await client.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser, TimeSpan.FromSeconds(5));
            }
            catch (Exception error) when (error is not Xunit.Sdk.XunitException)
            {
                await Task.Delay(100); // the next attempt's pace; the loop's condition is the deadline
            }
        }

        Assert.NotNull(answer);
        Assert.False(string.IsNullOrEmpty(answer.Version));
    }

    [Fact]
    public async Task A_socket_that_never_speaks_and_one_that_falls_silent_after_the_preface_are_closed()
    {
        using var provider = new ResourceProviderService(null, _ => null);
        var options = new PluginServerOptions { IdleTimeout = TimeSpan.FromSeconds(2), HeadersTimeout = TimeSpan.FromSeconds(2) };
        await using var server = await StartAsync(provider, options);

        using var silent = await ConnectAsync(server.Port);
        using var preface = await ConnectAsync(server.Port);
        await preface.GetStream().WriteAsync(Preface);
        await preface.GetStream().WriteAsync(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 }); // an empty SETTINGS frame

        Assert.True(await ClosedByServerAsync(silent, TimeSpan.FromSeconds(30)), "a socket that never sent the preface stayed open");
        Assert.True(await ClosedByServerAsync(preface, TimeSpan.FromSeconds(30)), "a connection idle after the preface stayed open");
    }

    private static async Task<PluginServer> StartAsync(ResourceProviderService provider, PluginServerOptions options)
    {
        var server = new PluginServer(ResourceProviderService.Limits, options).AddService(provider, ResourceProviderService.ServiceName, ResourceProviderService.Bind, ErrorMapping.ToGrpc);
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return client;
    }

    /// <summary>Reads (and discards, e.g. the server's SETTINGS and GOAWAY) until the server ends the connection or the wait is over.</summary>
    private static async Task<bool> ClosedByServerAsync(TcpClient client, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                if (await client.GetStream().ReadAsync(buffer, timeout.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset by the server
        }
    }
}

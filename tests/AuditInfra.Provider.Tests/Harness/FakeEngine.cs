using System.Collections.Concurrent;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>The engine's <c>pulumirpc.Engine</c> service (generated base class, real Kestrel h2c), recording every Log call.</summary>
public sealed class FakeEngine : IAsyncDisposable
{
    private readonly PluginServer _server;

    private FakeEngine()
    {
        _server = new PluginServer(ResourceProviderService.Limits).AddService(new Service(Logs), Engine.BindService);
    }

    public ConcurrentQueue<LogMessage> Logs { get; } = new();

    public string Address => _server.Address;

    public static async Task<FakeEngine> StartAsync()
    {
        var engine = new FakeEngine();
        await engine._server.StartAsync(CancellationToken.None);
        return engine;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed class Service(ConcurrentQueue<LogMessage> logs) : Engine.EngineBase
    {
        public override Task<Empty> Log(LogMessage request, ServerCallContext context)
        {
            logs.Enqueue(request);
            return Task.FromResult(new Empty());
        }
    }
}

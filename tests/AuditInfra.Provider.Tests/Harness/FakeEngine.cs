using System.Collections.Concurrent;
using AuditInfra.Grpc;
using AuditInfra.Provider.Protocol.Messages;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>The engine's <c>pulumirpc.Engine</c> service, recording every Log call.</summary>
public sealed class FakeEngine : IAsyncDisposable
{
    private readonly GrpcServer _server = new();

    private FakeEngine()
    {
        _server.MapUnary("pulumirpc.Engine", "Log", LogMessage.Parser, (message, _) =>
        {
            Logs.Enqueue(message);
            return Task.FromResult(new Empty());
        });
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
}

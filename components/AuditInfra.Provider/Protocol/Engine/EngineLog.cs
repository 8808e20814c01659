using AuditInfra.Grpc;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Messages;

namespace AuditInfra.Provider.Protocol.Engine;

/// <summary>
/// Sends messages to the engine's <c>pulumirpc.Engine/Log</c>, the only way text reaches the user: the plugin's
/// stdout and stderr are hidden after the port line. A failed log call never fails the operation.
/// </summary>
internal sealed class EngineLog(GrpcClient? engine, string urn) : IResourceLog
{
    public Task InfoAsync(string message, CancellationToken cancellationToken) => SendAsync(Severity.Info, message, cancellationToken);

    public Task WarningAsync(string message, CancellationToken cancellationToken) => SendAsync(Severity.Warning, message, cancellationToken);

    private async Task SendAsync(Severity severity, string message, CancellationToken cancellationToken)
    {
        if (engine is null)
        {
            return;
        }

        try
        {
            await engine.CallAsync("pulumirpc.Engine", "Log", new LogMessage { Severity = severity, Message = message, Urn = urn }, Google.Protobuf.WellKnownTypes.Empty.Parser, cancellationToken);
        }
        catch (GrpcException error)
        {
            await Console.Error.WriteLineAsync($"engine log failed ({error.Status}): {message}");
        }
    }
}

using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Messages;
using Grpc.Core;

namespace AuditInfra.Provider.Protocol.Engine;

/// <summary>
/// Sends messages to the engine's <c>pulumirpc.Engine/Log</c>, the only way text reaches the user: the plugin's
/// stdout and stderr are hidden after the port line. A failed log call never fails the operation.
/// </summary>
internal sealed class EngineLog(EngineChannel? engine, string urn) : IResourceLog
{
    /// <summary>The engine answers Log at once; a hung engine must not hold up the operation that logs.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

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
            var client = new Messages.Engine.EngineClient(engine.CallInvoker);
            await client.LogAsync(
                new LogMessage { Severity = severity, Message = message, Urn = urn },
                deadline: DateTime.UtcNow + Deadline,
                cancellationToken: cancellationToken);
        }
        catch (RpcException error)
        {
            await Console.Error.WriteLineAsync($"engine log failed ({error.StatusCode}): {message}");
        }
    }
}

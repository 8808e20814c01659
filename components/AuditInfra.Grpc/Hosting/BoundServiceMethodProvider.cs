using System.Diagnostics.CodeAnalysis;
using AuditInfra.Grpc.Messages;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// Hands Grpc.AspNetCore the unary methods of one generated service, bound to one long-lived instance: the
/// generated <c>BindService(binder, impl)</c> lists them, <see cref="MessageLimits"/> sets their nesting limit, and
/// every failure that is not already an <see cref="RpcException"/> goes through <c>mapError</c>, so a handler never
/// answers with the library's UNKNOWN. Binding this way needs no reflection over the service type (Native AOT).
/// </summary>
internal sealed class BoundServiceMethodProvider<[DynamicallyAccessedMembers(ServiceMembers.Kept)] TService>(
    Action<ServiceBinderBase> bind, MessageLimits limits, Func<Exception, RpcException> mapError) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context) =>
        bind(new Binder(context, limits, mapError));

    private sealed class Binder(ServiceMethodProviderContext<TService> context, MessageLimits limits, Func<Exception, RpcException> mapError) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            ArgumentNullException.ThrowIfNull(handler);
            context.AddUnaryMethod(limits.Apply(method), [], async (_, request, call) =>
            {
                try
                {
                    return await handler(request, call);
                }
                catch (RpcException)
                {
                    throw;
                }
                catch (Exception error)
                {
                    throw mapError(error);
                }
            });
        }
    }
}

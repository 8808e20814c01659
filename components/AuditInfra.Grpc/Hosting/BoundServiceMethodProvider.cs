using System.Diagnostics.CodeAnalysis;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// Hands Grpc.AspNetCore the unary methods of one service, bound to one long-lived instance, as
/// <see cref="UnaryMethods{TService}"/> lists them; every failure that is not already an <see cref="RpcException"/>
/// goes through <c>mapError</c>, so a handler never answers with the library's UNKNOWN. Binding this way needs no
/// reflection over the service type (Native AOT).
/// </summary>
internal sealed class BoundServiceMethodProvider<[DynamicallyAccessedMembers(ServiceMembers.Kept)] TService>(
    UnaryMethods<TService> methods, Func<Exception, RpcException> mapError) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context) => methods.BindTo(context, mapError);
}

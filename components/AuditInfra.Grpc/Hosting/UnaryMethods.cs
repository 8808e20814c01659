using System.Diagnostics.CodeAnalysis;
using AuditInfra.Grpc.Messages;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// The unary methods of one gRPC service, each listed with its exact request and response types, handed to
/// Grpc.AspNetCore by <see cref="PluginServer.AddService{TService}(TService, string, Action{UnaryMethods{TService}, TService}, Func{Exception, RpcException}?)"/>.
/// <para>
/// Why not the generated <c>BindService(binder, impl)</c>: it registers every method through
/// <see cref="ServiceBinderBase"/>'s generic virtual <c>AddMethod&lt;TRequest, TResponse&gt;</c>. In a Native AOT
/// build each such call makes the runtime type loader build the method's generic dictionaries (and those of
/// everything Grpc.AspNetCore instantiates below it) at start: about 30% of the provider's start-up CPU, measured with
/// <c>perf</c> (docs/benchmarks.md). Calls with exact types are compiled ahead of time instead. The list is checked
/// against the generated <c>BindService</c> by the plugins' tests, so a method the .proto adds cannot be forgotten.
/// </para>
/// </summary>
/// <param name="serviceName">The protobuf full name, e.g. <c>pulumirpc.ResourceProvider</c>.</param>
public sealed class UnaryMethods<[DynamicallyAccessedMembers(ServiceMembers.Kept)] TService>(string serviceName)
    where TService : class
{
    private readonly List<Action<ServiceMethodProviderContext<TService>, Func<Exception, RpcException>>> _bindings = [];
    private readonly List<(string FullName, Type Request, Type Response, Delegate Handler)> _signatures = [];

    /// <summary>The protobuf full name of the service.</summary>
    public string ServiceName { get; } = serviceName;

    /// <summary>Each method's full name (<c>/package.Service/Method</c>) with its request and response type and handler, in the order added.</summary>
    public IReadOnlyList<(string FullName, Type Request, Type Response, Delegate Handler)> Signatures => _signatures;

    /// <summary>
    /// Adds the unary method <paramref name="name"/>: its messages are parsed with <see cref="MessageLimits"/>'
    /// size and nesting limits (a malformed one answers INVALID_ARGUMENT) and written as protobuf.
    /// </summary>
    public UnaryMethods<TService> Add<TRequest, TResponse>(string name, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(MessageLimits.UnaryMethod<TRequest, TResponse>(ServiceName, name), handler);

    /// <summary>
    /// Adds a method whose <see cref="Method{TRequest, TResponse}"/> is given, e.g. by a generated
    /// <c>BindService</c> (see <see cref="GeneratedBinder"/>); its marshallers are used as they are.
    /// </summary>
    internal UnaryMethods<TService> Add<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(handler);
        _signatures.Add((method.FullName, typeof(TRequest), typeof(TResponse), handler));
        _bindings.Add((context, mapError) => context.AddUnaryMethod(method, [], async (_, request, call) =>
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
        }));
        return this;
    }

    internal void BindTo(ServiceMethodProviderContext<TService> context, Func<Exception, RpcException> mapError)
    {
        foreach (var bind in _bindings)
        {
            bind(context, mapError);
        }
    }

    /// <summary>
    /// Lists the methods of a generated <c>BindService(binder, impl)</c> into <see cref="UnaryMethods{TService}"/>,
    /// with <see cref="MessageLimits"/> applied to their marshallers. The generic virtual dispatch makes this the
    /// slower way to start in a Native AOT build; test doubles use it, the plugins list their methods.
    /// </summary>
    internal sealed class GeneratedBinder(UnaryMethods<TService> methods, MessageLimits limits) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            methods.Add(limits.Apply(method), handler!);
    }
}

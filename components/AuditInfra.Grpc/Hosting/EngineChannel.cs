using AuditInfra.Grpc.Messages;
using Grpc.Core;
using Grpc.Net.Client;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// A Grpc.Net.Client channel to one of the engine's services at a "host:port" address without a scheme, as the
/// engine hands them out (argv, Attach, ConstructRequest.monitor_endpoint): HTTP/2 cleartext with prior knowledge,
/// no proxy, the protocol's message size limit, and <see cref="MessageLimits"/>' nesting limit on every method.
/// Generated clients are built on <see cref="CallInvoker"/>.
/// </summary>
public sealed class EngineChannel : IDisposable
{
    private readonly Lazy<GrpcChannel> _channel;

    /// <summary>
    /// The channel itself is made at the first call: a plugin is given the engine's address at start, and building
    /// a channel then would delay its port line for calls it may never make.
    /// </summary>
    /// <exception cref="UriFormatException"><paramref name="address"/> is not host:port.</exception>
    public EngineChannel(string address, MessageLimits limits)
    {
        var uri = new Uri("http://" + address);
        _channel = new(() => GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { UseProxy = false, EnableMultipleHttp2Connections = true },
            MaxReceiveMessageSize = MessageLimits.MaxMessageBytes,
            MaxSendMessageSize = MessageLimits.MaxMessageBytes,
        }));
        CallInvoker = new LimitedCallInvoker(new(() => _channel.Value.CreateCallInvoker()), limits);
    }

    public CallInvoker CallInvoker { get; }

    public void Dispose()
    {
        if (_channel.IsValueCreated)
        {
            _channel.Value.Dispose();
        }
    }

    /// <summary>Unary calls only: the plugin protocol's engine services are unary.</summary>
    private sealed class LimitedCallInvoker(Lazy<CallInvoker> inner, MessageLimits limits) : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            inner.Value.BlockingUnaryCall(limits.Apply(method), host, options, request);

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            inner.Value.AsyncUnaryCall(limits.Apply(method), host, options, request);

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException("the engine's services are unary");

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException("the engine's services are unary");

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException("the engine's services are unary");
    }
}

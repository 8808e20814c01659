using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace AuditInfra.TestSupport;

/// <summary>
/// Calls a plugin's unary methods by name over real HTTP/2 cleartext with Grpc.Net.Client, as the engine does; by
/// name so that a test can also call what the plugin does not serve. Responses parse with 1,000 nesting levels
/// (the engine's Go runtime allows more than Google.Protobuf's default of 100).
/// </summary>
public sealed class PluginClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;
    private readonly string _service;

    /// <param name="address">host:port, as the plugin's port line gives it.</param>
    /// <param name="service">The full service name, e.g. pulumirpc.ResourceProvider.</param>
    public PluginClient(string address, string service)
    {
        _channel = GrpcChannel.ForAddress("http://" + address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { UseProxy = false },
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        _invoker = _channel.CreateCallInvoker();
        _service = service;
    }

    /// <exception cref="RpcException">The plugin answered with a status other than OK.</exception>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> parser, TimeSpan? timeout = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var definition = new Method<TRequest, TResponse>(
            MethodType.Unary,
            _service,
            method,
            Marshallers.Create<TRequest>(r => r.ToByteArray(), _ => throw new NotSupportedException()),
            Marshallers.Create(_ => throw new NotSupportedException(), bytes => parser.ParseFrom(CodedInputStream.CreateWithLimits(new MemoryStream(bytes), int.MaxValue, 1000))));
        var options = timeout is { } t ? new CallOptions(deadline: DateTime.UtcNow + t) : default;
        return await _invoker.AsyncUnaryCall(definition, null, options, request);
    }

    public void Dispose() => _channel.Dispose();
}

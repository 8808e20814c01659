using System.Collections.Frozen;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuditInfra.Grpc;

/// <summary>
/// Unary gRPC services on Kestrel: HTTP/2 cleartext with prior knowledge (what Go's and Node's gRPC clients dial
/// with insecure credentials) on the IPv4 loopback, a free port chosen by the OS. Kestrel ships in the shared
/// framework; the framing, status codes and trailers are done here because no gRPC server library restores.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly Dictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Func<HttpContext, Task>>? _frozen;
    private KestrelServer? _server;

    /// <summary>Called with every handler exception that is not a <see cref="GrpcException"/>; returns the status to answer with.</summary>
    public Func<Exception, GrpcException>? MapException { get; init; }

    public int Port { get; private set; }

    public string Address => $"127.0.0.1:{Port}";

    public GrpcServer MapUnary<TRequest, TResponse>(
        string service, string method, MessageParser<TRequest> parser, Func<TRequest, CancellationToken, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        if (_frozen is not null)
        {
            throw new InvalidOperationException("routes must be mapped before the server starts");
        }

        _routes[$"/{service}/{method}"] = context => HandleAsync(context, parser, handler);
        return this;
    }

    /// <summary>
    /// Starts Kestrel directly, without the generic host: no configuration, DI or logging set-up stands between
    /// process start and the port line the engine waits for, and no logger can write to stdout.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _frozen = _routes.ToFrozenDictionary(StringComparer.Ordinal);
        var options = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = EmptyServices.Instance };
        options.Limits.MaxRequestBodySize = GrpcFraming.MaxMessageBytes;
        options.Limits.Http2.MaxStreamsPerConnection = 1000;
        options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        var server = new KestrelServer(
            Options.Create(options),
            new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance),
            NullLoggerFactory.Instance);
        await server.StartAsync(new Application(DispatchAsync), cancellationToken);
        Port = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _server = server;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _server.StopAsync(timeout.Token);
            _server.Dispose();
            _server = null;
        }
    }

    private Task DispatchAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) ||
            context.Request.ContentType is not { } type || !type.StartsWith(GrpcFraming.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }

        if (_frozen!.TryGetValue(context.Request.Path.Value ?? string.Empty, out var route))
        {
            return route(context);
        }

        WriteTrailersOnly(context, new GrpcException(GrpcStatusCode.Unimplemented, $"method {context.Request.Path} is not implemented"));
        return Task.CompletedTask;
    }

    private async Task HandleAsync<TRequest, TResponse>(
        HttpContext context, MessageParser<TRequest> parser, Func<TRequest, CancellationToken, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        byte[] frame;
        try
        {
            var request = await GrpcFraming.ReadSingleAsync(context.Request.BodyReader, parser, context.RequestAborted);
            var response = await handler(request, context.RequestAborted);
            frame = GrpcFraming.Frame(response);
        }
        catch (GrpcException error)
        {
            WriteTrailersOnly(context, error);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            WriteTrailersOnly(context, new GrpcException(GrpcStatusCode.Cancelled, "the call was cancelled"));
            return;
        }
        catch (InvalidProtocolBufferException error)
        {
            WriteTrailersOnly(context, new GrpcException(GrpcStatusCode.InvalidArgument, "malformed request message: " + error.Message));
            return;
        }
        catch (Exception error)
        {
            WriteTrailersOnly(context, MapException?.Invoke(error) ?? new GrpcException(GrpcStatusCode.Internal, error.Message));
            return;
        }

        context.Response.ContentType = GrpcFraming.ContentType;
        context.Response.DeclareTrailer("grpc-status");
        await context.Response.Body.WriteAsync(frame, context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>An error before any message: the status goes in the response headers and the stream ends there.</summary>
    private static void WriteTrailersOnly(HttpContext context, GrpcException error)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = GrpcFraming.ContentType;
        context.Response.Headers["grpc-status"] = ((int)error.Status).ToString();
        context.Response.Headers["grpc-message"] = GrpcFraming.EncodeStatusMessage(error.Message);
    }

    /// <summary>Kestrel's request pipeline reduced to one handler.</summary>
    private sealed class Application(Func<HttpContext, Task> handler) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => handler(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }

    /// <summary>Kestrel asks its options for services (none are needed here).</summary>
    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

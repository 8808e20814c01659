using System.Collections.Frozen;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditInfra.Provider.Grpc;

/// <summary>
/// Unary gRPC services on Kestrel: HTTP/2 cleartext with prior knowledge (what Go's and Node's gRPC clients dial
/// with insecure credentials) on the IPv4 loopback, a free port chosen by the OS. Kestrel ships in the shared
/// framework; the framing, status codes and trailers are done here because no gRPC server library restores.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly Dictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Func<HttpContext, Task>>? _frozen;
    private WebApplication? _app;

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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _frozen = _routes.ToFrozenDictionary(StringComparer.Ordinal);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders(); // nothing may reach stdout before (or after) the port line
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = GrpcFraming.MaxMessageBytes;
            options.Limits.Http2.MaxStreamsPerConnection = 1000;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.Run(DispatchAsync);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Port = new Uri(addresses.First()).Port;
        _app = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
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
}

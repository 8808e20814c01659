using System.Buffers.Binary;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace AuditInfra.Policy.Analyzer.Grpc;

/// <summary>
/// Unary gRPC over Kestrel's HTTP/2: a request is one length-prefixed message (1 byte compressed flag, 4 bytes
/// big-endian length); the answer is one such message and the trailers <c>grpc-status</c>/<c>grpc-message</c>.
/// A method this server does not serve answers UNIMPLEMENTED, which the engine accepts for the optional ones.
/// </summary>
public sealed class GrpcEndpoint
{
    private const int PrefixLength = 5;
    private readonly string _service;
    private readonly IReadOnlyDictionary<string, GrpcMethod> _methods;

    public GrpcEndpoint(string service, IReadOnlyDictionary<string, GrpcMethod> methods)
    {
        _service = service;
        _methods = methods;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        var prefix = $"/{_service}/";
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !_methods.TryGetValue(path[prefix.Length..], out var method))
        {
            Finish(context, GrpcStatusCode.Unimplemented, $"{path} is not served by this policy pack");
            return;
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }

        if (body.Length < PrefixLength || body[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4)) != body.Length - PrefixLength)
        {
            Finish(context, GrpcStatusCode.InvalidArgument, "expected one uncompressed length-prefixed message");
            return;
        }

        IMessage response;
        try
        {
            var request = method.Parser.ParseFrom(body.AsSpan(PrefixLength).ToArray());
            response = await method.Handle(request, cancellationToken);
        }
        catch (InvalidProtocolBufferException ex)
        {
            Finish(context, GrpcStatusCode.InvalidArgument, ex.Message);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Finish(context, GrpcStatusCode.Internal, $"{ex.GetType().Name}: {ex.Message}");
            return;
        }

        var payload = response.ToByteArray();
        var frame = new byte[PrefixLength + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame, PrefixLength);
        await context.Response.Body.WriteAsync(frame, cancellationToken);
        Finish(context, GrpcStatusCode.Ok, null);
    }

    private static void Finish(HttpContext context, GrpcStatusCode status, string? message)
    {
        context.Response.AppendTrailer("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null)
        {
            context.Response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        }
    }
}

using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace AuditInfra.Grpc;

/// <summary>
/// Unary gRPC calls over HTTP/2 cleartext (prior knowledge) with HttpClient, to the engine's services at a
/// "host:port" address without a scheme, as the engine hands them out.
/// </summary>
public sealed class GrpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcFraming.ContentType);
    private readonly HttpClient _http;

    public GrpcClient(string address, GrpcClientOptions? options = null)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri("http://" + address),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = (options ?? new GrpcClientOptions()).Timeout,
        };
    }

    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string service, string method, TRequest request, MessageParser<TResponse> parser, CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/{service}/{method}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFraming.Frame(request)),
        };
        message.Content.Headers.ContentType = GrpcContentType;
        message.Headers.TryAddWithoutValidation("te", "trailers");

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new GrpcException(GrpcStatusCode.Unavailable, $"cannot reach {_http.BaseAddress!.Authority}: {error.Message}", error);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new GrpcException(GrpcStatusCode.Unknown, $"{service}/{method} answered HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var (status, detail) = ReadStatus(response);
            if (status != GrpcStatusCode.Ok)
            {
                throw new GrpcException(status, detail);
            }

            return GrpcFraming.Parse(new ReadOnlySequence<byte>(body), parser);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The status is in the trailers, or in the headers of a trailers-only response.</summary>
    private static (GrpcStatusCode Status, string Message) ReadStatus(HttpResponseMessage response)
    {
        foreach (var headers in new HttpHeaders[] { response.TrailingHeaders, response.Headers })
        {
            if (headers.TryGetValues("grpc-status", out var values) && int.TryParse(values.First(), out var code))
            {
                var text = headers.TryGetValues("grpc-message", out var messages) ? GrpcFraming.DecodeStatusMessage(messages.First()) : string.Empty;
                return ((GrpcStatusCode)code, text);
            }
        }

        return (GrpcStatusCode.Unknown, "the response carried no grpc-status");
    }
}

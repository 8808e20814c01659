using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Google.Protobuf;

namespace AuditInfra.Policy.Tests.Support;

/// <summary>
/// The built pulumi-analyzer-policy-auditinfra started the way the engine starts a policy pack plugin (engine
/// address and pack folder as arguments, cwd the pack folder, PULUMI_STACK set), its port read from stdout, and
/// unary gRPC calls made over real HTTP/2 without TLS.
/// </summary>
public sealed class AnalyzerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _client;

    private AnalyzerProcess(Process process, int port)
    {
        _process = process;
        _client = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public static async Task<AnalyzerProcess> StartAsync(string packDirectory, string stack)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "pulumi-analyzer-policy-auditinfra.dll"), "127.0.0.1:1", "."])
        {
            WorkingDirectory = packDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PULUMI_STACK"] = stack;
        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(line, out var port))
        {
            process.Kill();
            throw new InvalidOperationException($"expected a port on stdout, got '{line}': {await process.StandardError.ReadToEndAsync(timeout.Token)}");
        }

        return new AnalyzerProcess(process, port);
    }

    public async Task<(int Status, TResponse? Response)> CallAsync<TResponse>(string method, IMessage request, MessageParser<TResponse> parser)
        where TResponse : class, IMessage<TResponse>
    {
        var payload = request.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        // h2c with prior knowledge, as the engine's gRPC client speaks (a request message defaults to HTTP/1.1).
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/pulumirpc.Analyzer/{method}")
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _client.SendAsync(message);
        var body = await response.Content.ReadAsByteArrayAsync();
        var status = int.Parse(response.TrailingHeaders.GetValues("grpc-status").Single(), System.Globalization.CultureInfo.InvariantCulture);
        return (status, body.Length >= 5 ? parser.ParseFrom(body.AsSpan(5).ToArray()) : null);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

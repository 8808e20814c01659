using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// What a hostile or broken client sends gets a deliberate gRPC status (never UNKNOWN) and the plugin keeps
/// serving. Bad frames are written by hand here, on purpose: the plugin's own transport is the library's.
/// Memory under load (200 MB messages, stalled readers, many connections) is measured by scripts/abuse-provider.sh.
/// </summary>
public sealed class GrpcAbuseTests
{
    [Fact]
    public async Task A_length_prefix_larger_than_the_body_and_a_500_MB_prefix_get_clean_statuses()
    {
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);

        var shortBody = await PostRawAsync(plugin.Port, Frame(declared: 1000, actual: 10));
        var huge = await PostRawAsync(plugin.Port, Frame(declared: 500_000_000, actual: 10));

        Assert.Equal(StatusCode.Internal, shortBody.Status); // "Incomplete message": a broken frame, not a handler error
        Assert.Equal(StatusCode.ResourceExhausted, huge.Status);
        Assert.Contains("maximum", huge.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(await plugin.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser));
    }

    [Fact]
    public async Task Nesting_beyond_the_limit_is_invalid_argument_and_1000_concurrent_calls_are_all_answered()
    {
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        var deep = Value.ForString("bottom");
        for (var i = 0; i < 400; i++)
        {
            deep = Value.ForStruct(new Struct { Fields = { ["n"] = deep } }); // 400 JSON levels ≈ 1,200 protobuf levels
        }

        var tooDeep = await Assert.ThrowsAsync<RpcException>(() => plugin.CallAsync(
            "Check", new CheckArgs { Urn = ProviderSession.BucketUrn("deep"), Type = "auditinfra:index:ObjectLockBucket", News = new Struct { Fields = { ["extra"] = deep } }.ToByteString() }, CheckResult.Parser));
        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => plugin.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser)));

        Assert.Equal(StatusCode.InvalidArgument, tooDeep.StatusCode);
        Assert.Contains("recursion", tooDeep.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1000, answers.Count(a => a.Version.Length > 0));
    }

    [Fact]
    public async Task A_peer_that_stops_reading_an_answer_has_its_stream_reset_after_the_drain_timeout()
    {
        // In process, to set a 1 s drain timeout; the transport is the same Kestrel HTTP/2 the plugin runs.
        using var provider = new ResourceProviderService(null, _ => null);
        await using var server = await StartInProcessAsync(provider, new PluginServerOptions { ResponseDrainTimeout = TimeSpan.FromSeconds(1) });
        var frame = CheckFrame(16 * 1024 * 1024);

        // Check echoes the 16 MiB inputs. The client reads 1 KiB every 20 ms (about 50 KiB/s): far too slow to take
        // the answer within the timeout, so the server must reset the stream before the last byte arrives.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = GrpcRequest(server.Port, frame);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var chunk = new byte[1024];
        long read = 0;
        Exception? reset = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (reset is null && DateTime.UtcNow < deadline)
        {
            try
            {
                var n = await body.ReadAsync(chunk);
                if (n == 0)
                {
                    break;
                }

                read += n;
                await Task.Delay(20); // the slow peer's pace, not a wait for a condition
            }
            catch (Exception error) when (error is HttpIOException or IOException or HttpRequestException)
            {
                reset = error;
            }
        }

        Assert.NotNull(reset);
        Assert.True(read < frame.Length, $"read {read} of {frame.Length} bytes before the reset");
    }

    [Fact]
    public async Task A_large_call_waits_while_the_large_message_budget_is_taken()
    {
        // Budget 3 MiB, two calls of 2 MiB: the second may only run once the first has given its share back, which
        // happens when its answer is taken or, as here where nobody reads it, when its stream is reset after 3 s.
        var drain = TimeSpan.FromSeconds(3);
        using var provider = new ResourceProviderService(null, _ => null);
        await using var server = await StartInProcessAsync(provider, new PluginServerOptions { ResponseDrainTimeout = drain, LargeMessageBudget = 3 * 1024 * 1024 });
        var frame = CheckFrame(2 * 1024 * 1024);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        using var first = GrpcRequest(server.Port, frame);
        using var held = await http.SendAsync(first, HttpCompletionOption.ResponseHeadersRead); // answer never read
        var started = DateTime.UtcNow;
        var small = await CallSmallAsync(server.Port, deadline: drain - TimeSpan.FromSeconds(1)); // small calls never wait
        var second = await PostRawAsync(server.Port, frame);
        var waited = DateTime.UtcNow - started;

        Assert.NotNull(small);
        Assert.Equal(StatusCode.OK, second.Status);
        Assert.True(waited >= drain - TimeSpan.FromSeconds(0.5), $"the second call was answered after {waited.TotalSeconds:0.0} s, before the first one's share came back");
    }

    private static async Task<PluginServer> StartInProcessAsync(ResourceProviderService provider, PluginServerOptions options)
    {
        var server = new PluginServer(ResourceProviderService.Limits, options).AddService(provider, ResourceProviderService.ServiceName, ResourceProviderService.Bind, ErrorMapping.ToGrpc);
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    /// <summary>A gRPC frame of a Check whose inputs hold one string of <paramref name="blobBytes"/> ASCII bytes.</summary>
    private static byte[] CheckFrame(int blobBytes)
    {
        var check = new CheckArgs
        {
            Urn = ProviderSession.BucketUrn("large"),
            Type = "auditinfra:index:ObjectLockBucket",
            News = new Struct { Fields = { ["blob"] = Value.ForString(new string('a', blobBytes)) } }.ToByteString(),
        };
        var message = check.ToByteArray();
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static async Task<PluginVersion?> CallSmallAsync(int port, TimeSpan deadline)
    {
        using var client = new AuditInfra.TestSupport.PluginClient($"127.0.0.1:{port}", "pulumirpc.ResourceProvider");
        return await client.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser, deadline);
    }

    /// <summary>A gRPC message prefix (uncompressed, <paramref name="declared"/> bytes) followed by <paramref name="actual"/> bytes.</summary>
    private static byte[] Frame(uint declared, int actual)
    {
        var frame = new byte[5 + actual];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), declared);
        return frame;
    }

    /// <summary>A Check call over HTTP/2 cleartext with prior knowledge, its body written as given.</summary>
    private static HttpRequestMessage GrpcRequest(int port, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/pulumirpc.ResourceProvider/Check")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    private static async Task<(StatusCode Status, string Message)> PostRawAsync(int port, byte[] body)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = GrpcRequest(port, body);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.First()
            : response.Headers.TryGetValues(name, out var header) ? header.First() : null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = Header("grpc-status") ?? throw new InvalidOperationException("no grpc-status in the answer");
        return ((StatusCode)int.Parse(status), Uri.UnescapeDataString(Header("grpc-message") ?? string.Empty));
    }
}

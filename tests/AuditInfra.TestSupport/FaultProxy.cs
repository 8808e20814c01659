using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace AuditInfra.TestSupport;

/// <summary>What the proxy does to a request a <see cref="FaultRule"/> picks.</summary>
public enum FaultKind
{
    /// <summary>Answers 503 SlowDown itself (S3's throttling answer); the request never reaches the RGW.</summary>
    ServiceUnavailable,

    /// <summary>Answers 500 InternalError itself.</summary>
    InternalError,

    /// <summary>Closes the connection without an answer (a reset).</summary>
    Reset,

    /// <summary>Waits <see cref="FaultRule.Delay"/> before forwarding (a slow endpoint); the answer is the RGW's.</summary>
    Slow,

    /// <summary>Forwards, passes the headers and the first <see cref="FaultRule.StallAfterBytes"/> body bytes, then sends nothing more.</summary>
    StallBody,

    /// <summary>Forwards, passes the headers and the first <see cref="FaultRule.StallAfterBytes"/> body bytes, then closes the connection.</summary>
    BreakBody,

    /// <summary>Forwards the whole answer with the body byte at <see cref="FaultRule.StallAfterBytes"/> inverted (headers, ETag included, unchanged).</summary>
    FlipByte,
}

/// <summary>
/// One kind of fault for the requests it matches: those whose path contains <see cref="PathContains"/> (empty: any), at
/// most <see cref="Times"/> of them (then it stops matching). Rules are tried in order; the first that matches wins.
/// </summary>
public sealed class FaultRule
{
    public required FaultKind Kind { get; init; }

    public string PathContains { get; init; } = string.Empty;

    /// <summary>Only GET requests of objects (not listings: a query string with list-type) when true.</summary>
    public bool ObjectReadsOnly { get; init; } = true;

    public int Times { get; set; } = 1;

    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Body bytes passed before a stall or a break; the offset of the byte a flip inverts.</summary>
    public int StallAfterBytes { get; init; } = 64;

    /// <summary>False for background latency, which is not a fault: it is then left out of <see cref="FaultProxy.Injected"/>.</summary>
    public bool Counted { get; init; } = true;
}

/// <summary>
/// A fault-injecting HTTP proxy on loopback between a client and the Ceph RGW, built on YARP's forwarder (requests it
/// leaves alone are forwarded unchanged, signatures included, since the Host header is kept). Faults are real: a 503
/// is a real HTTP answer, a reset closes the real socket, a stall leaves a real body hanging. It can also stop
/// listening and start again on the same port, as an endpoint that goes down and comes back.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly Uri _target;
    private readonly List<FaultRule> _rules = [];
    private readonly Lock _lock = new();
    private readonly HttpMessageInvoker _invoker;
    private WebApplication? _app;
    private int _port;

    private FaultProxy(Uri target)
    {
        _target = target;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
    }

    /// <summary>The proxy's own endpoint, http://127.0.0.1:port, for the client's S3 endpoint setting.</summary>
    public string Endpoint => $"http://127.0.0.1:{_port}";

    /// <summary>Requests seen (faulted or forwarded).</summary>
    public int Requests { get; private set; }

    /// <summary>Faults injected so far, by kind.</summary>
    public Dictionary<FaultKind, int> Injected { get; } = [];

    public int InjectedTotal
    {
        get
        {
            lock (_lock)
            {
                return Injected.Values.Sum();
            }
        }
    }

    public static async Task<FaultProxy> StartAsync(string targetEndpoint)
    {
        var target = new Uri(targetEndpoint);
        if (!target.IsLoopback)
        {
            throw new InvalidOperationException($"the fault proxy forwards to loopback only, not {targetEndpoint}");
        }

        var proxy = new FaultProxy(target);
        await proxy.ListenAsync();
        return proxy;
    }

    /// <summary>
    /// Called with the path of every object read (GET, not a listing) as it arrives, before any fault or forwarding:
    /// a test can act at an exact point of a client's run (kill it, for instance).
    /// </summary>
    public Action<string>? OnObjectRead { get; set; }

    public void Add(FaultRule rule)
    {
        lock (_lock)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Stops listening: new connections are refused and open ones are closed, as when the endpoint dies.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            // An already-cancelled token: Kestrel aborts open connections instead of draining them, as a crash would.
            using var now = new CancellationTokenSource();
            await now.CancelAsync();
            await app.StopAsync(now.Token);
            await app.DisposeAsync();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public Task RestartAsync() => _app is null ? ListenAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _invoker.Dispose();
    }

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, _port));
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var destination = _target.GetLeftPart(UriPartial.Authority);
        app.Map("/{**path}", async context =>
        {
            if (IsObjectRead(context.Request))
            {
                OnObjectRead?.Invoke(context.Request.Path.Value ?? string.Empty);
            }

            var rule = Pick(context.Request);
            switch (rule?.Kind)
            {
                case FaultKind.ServiceUnavailable:
                    await S3ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
                    return;
                case FaultKind.InternalError:
                    await S3ErrorAsync(context, StatusCodes.Status500InternalServerError, "InternalError", "We encountered an internal error.");
                    return;
                case FaultKind.Reset:
                    context.Abort();
                    return;
                case FaultKind.Slow:
                    await Task.Delay(rule.Delay, context.RequestAborted);
                    break;
                case FaultKind.StallBody or FaultKind.BreakBody or FaultKind.FlipByte:
                    context.Response.Body = new FaultyBody(context.Response.Body, rule.StallAfterBytes, rule.Kind, context);
                    break;
            }

            await forwarder.SendAsync(context, destination, _invoker, ForwarderRequestConfig.Empty, KeepHost.Instance);
        });
        await app.StartAsync();
        _port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    private FaultRule? Pick(HttpRequest request)
    {
        lock (_lock)
        {
            Requests++;
            var path = request.Path.Value ?? string.Empty;
            var isObjectRead = IsObjectRead(request);
            foreach (var rule in _rules)
            {
                if (rule.Times > 0 && path.Contains(rule.PathContains, StringComparison.Ordinal) && (!rule.ObjectReadsOnly || isObjectRead))
                {
                    rule.Times--;
                    if (rule.Counted)
                    {
                        Injected[rule.Kind] = Injected.GetValueOrDefault(rule.Kind) + 1;
                    }

                    return rule;
                }
            }

            return null;
        }
    }

    private static bool IsObjectRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.QueryString.Value.AsSpan().Contains("list-type", StringComparison.Ordinal);

    private static async Task S3ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>fault-proxy</RequestId></Error>");
    }

    /// <summary>
    /// Forwards the client's Host header unchanged: the client signed it (SigV4), so the RGW must see the proxy's
    /// address there, not its own. YARP's default puts the destination's host in.
    /// </summary>
    private sealed class KeepHost : HttpTransformer
    {
        public static readonly KeepHost Instance = new();

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Host = httpContext.Request.Host.Value;
        }
    }

    /// <summary>
    /// Passes the first bytes of a response body, then holds the rest back until the client gives up (stall), closes the
    /// connection (break), or passes everything with the byte at that offset inverted (flip).
    /// </summary>
    private sealed class FaultyBody(Stream inner, int passBytes, FaultKind kind, HttpContext context) : Stream
    {
        private int _passed;
        private bool _broken;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _passed; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (kind == FaultKind.FlipByte)
            {
                var at = passBytes - _passed;
                if (at >= 0 && at < buffer.Length)
                {
                    var copy = buffer.ToArray();
                    copy[at] ^= 0xFF;
                    buffer = copy;
                }

                await inner.WriteAsync(buffer, cancellationToken);
                _passed += buffer.Length;
                return;
            }

            if (_broken)
            {
                return;
            }

            var pass = Math.Min(buffer.Length, passBytes - _passed);
            if (pass > 0)
            {
                await inner.WriteAsync(buffer[..pass], cancellationToken);
                await inner.FlushAsync(cancellationToken);
                _passed += pass;
            }

            if (pass < buffer.Length)
            {
                if (kind == FaultKind.BreakBody)
                {
                    _broken = true;
                    context.Abort();
                    return;
                }

                // The client's read timeout ends this: it closes the connection, which aborts the request.
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
        }
    }
}

using Microsoft.AspNetCore.Http;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// Bounds how long an answer may wait for a peer that stopped reading. Kestrel's HTTP/2 output for a stream is
/// flushed only as fast as the peer's flow-control window opens, and once a handler has returned, Kestrel keeps the
/// unsent part until the connection closes: no data-rate or keep-alive limit applies to a stream that is blocked by
/// flow control while the peer still answers pings. This middleware flushes the answer itself after the handler,
/// waits at most <see cref="PluginServerOptions.ResponseDrainTimeout"/> for the peer to take it, and otherwise
/// resets the stream (RST_STREAM), which releases the buffered answer.
/// </summary>
internal sealed class ResponseDrain(TimeSpan timeout)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Response.Headers.ContainsKey("grpc-status"))
        {
            // A trailers-only answer (an error status, no message): nothing is buffered, and flushing here would send
            // the status as plain headers before the stream's end, which gRPC clients other than .NET's reject.
            return;
        }

        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            await context.Response.BodyWriter.FlushAsync(expiry.Token);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested)
        {
            context.Abort();
        }
    }
}

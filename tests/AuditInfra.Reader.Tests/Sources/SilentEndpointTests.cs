using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Tests.Sources;

public class SilentEndpointTests
{
    [Fact]
    public async Task An_endpoint_that_accepts_but_never_answers_times_out_into_one_clear_error()
    {
        // A listener that accepts connections and then says nothing: the worst case for a hang.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Add(await listener.AcceptTcpClientAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var options = new S3LogSourceOptions
        {
            Endpoint = $"http://127.0.0.1:{port}",
            AccessKey = "AKEXAMPLE",
            SecretKey = "secret",
            MaxRetries = 1,
            RequestTimeout = TimeSpan.FromSeconds(1),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<LogSourceException>(() => LogSourceFactory.OpenAsync("s3://bucket", options));
        clock.Stop();
        await stop.CancelAsync();
        await accepting;
        held.ForEach(c => c.Dispose());

        Assert.Contains("is not answering", ex.Message, StringComparison.Ordinal);
        Assert.Equal("EndpointUnreachable", ex.ErrorCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(held.Count >= 2, "the request should have been retried");
    }

    [Fact]
    public void Transient_failures_are_told_from_permanent_ones_and_backoff_grows()
    {
        Assert.True(S3ErrorTranslator.IsTransient(new IOException("reset")));
        Assert.True(S3ErrorTranslator.IsTransient(new TimeoutException()));
        Assert.True(S3ErrorTranslator.IsTransient(new Amazon.S3.AmazonS3Exception("slow") { StatusCode = System.Net.HttpStatusCode.ServiceUnavailable }));
        Assert.False(S3ErrorTranslator.IsTransient(new Amazon.S3.AmazonS3Exception("denied") { StatusCode = System.Net.HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" }));
        Assert.False(S3ErrorTranslator.IsTransient(new InvalidOperationException("bug")));
        var retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(1));
        Assert.InRange(retry.DelayFor(0).TotalMilliseconds, 0.5, 1);
        Assert.InRange(retry.DelayFor(3).TotalMilliseconds, 4, 8);
    }
}

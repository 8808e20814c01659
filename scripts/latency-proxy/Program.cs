using System.Globalization;
using AuditInfra.TestSupport;

// latency-proxy <loopback S3 endpoint> <milliseconds>: prints the proxy's endpoint on one line, then forwards every
// request (listings and object reads alike) after the given delay until the process is stopped (SIGTERM, Ctrl-C).
if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var delayMs))
{
    await Console.Error.WriteLineAsync("usage: latency-proxy <loopback S3 endpoint> <milliseconds per request>");
    return 2;
}

await using var proxy = await FaultProxy.StartAsync(args[0]);
proxy.Add(new FaultRule
{
    Kind = FaultKind.Slow,
    Delay = TimeSpan.FromMilliseconds(delayMs),
    Times = int.MaxValue,
    ObjectReadsOnly = false,
    Counted = false,
});
Console.WriteLine(proxy.Endpoint);
await Console.Out.FlushAsync();
using var stopped = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopped.Cancel();
};
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopped.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stopped.Token);
}
catch (OperationCanceledException)
{
    // stopped: dispose the proxy and exit
}

return 0;

using System.Diagnostics;
using System.Runtime.InteropServices;
using AuditInfra.TestSupport;
using Google.Protobuf;
using Grpc.Core;

namespace AuditInfra.Policy.Tests.Support;

/// <summary>
/// The native pulumi-analyzer-policy-auditinfra (bin/Release/native) started the way the engine starts a policy pack plugin (engine
/// address and pack folder as arguments, cwd the pack folder, PULUMI_STACK set), its port read from stdout, and
/// unary gRPC calls made over real HTTP/2 without TLS
/// (Grpc.Net.Client, as the engine's Go client speaks it: prior-knowledge h2c).
/// </summary>
public sealed class AnalyzerProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private readonly Process _process;
    private readonly PluginClient _client;

    private AnalyzerProcess(Process process, int port)
    {
        _process = process;
        _client = new PluginClient($"127.0.0.1:{port}", "pulumirpc.Analyzer");
    }

    /// <summary>The Native AOT executable a Release build publishes (what users put on PATH, docs/policy.md).</summary>
    public static string NativeBinary { get; } = RepoPaths.Combine("stacks", "AuditInfra.Policy.Analyzer", "bin", "Release", "native", "pulumi-analyzer-policy-auditinfra");

    public static async Task<AnalyzerProcess> StartAsync(string packDirectory, string stack)
    {
        var start = new ProcessStartInfo(NativeBinary, ["127.0.0.1:1", "."])
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

    /// <summary>Calls pulumirpc.Analyzer/<paramref name="method"/>; the status is read from the trailers or a trailers-only answer.</summary>
    public async Task<(int Status, TResponse? Response)> CallAsync<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> parser)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        try
        {
            return (0, await _client.CallAsync(method, request, parser, TimeSpan.FromSeconds(30)));
        }
        catch (RpcException error)
        {
            return ((int)error.StatusCode, null);
        }
    }

    /// <summary>Sends SIGINT, as the engine does at shutdown, and returns the exit code (5 s deadline).</summary>
    public async Task<int> InterruptAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigInt);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
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

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

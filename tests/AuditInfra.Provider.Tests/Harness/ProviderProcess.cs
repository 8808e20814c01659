using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using AuditInfra.TestSupport;
using Google.Protobuf;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>
/// Starts the built plugin the way the engine does (argv = engine address last, cwd = the program directory),
/// reads its port from the first stdout line byte by byte, and talks to it over HTTP/2 cleartext.
/// Disposing sends SIGINT, as the engine does at shutdown, and waits for the exit.
/// </summary>
public sealed class ProviderProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task<string> _restOfStdout;

    private ProviderProcess(Process process, string portLine)
    {
        _process = process;
        PortLine = portLine;
        Port = int.Parse(portLine.TrimEnd('\n'));
        Client = new PluginClient($"127.0.0.1:{Port}", "pulumirpc.ResourceProvider");
        _restOfStdout = process.StandardOutput.BaseStream is var stream ? new StreamReader(stream).ReadToEndAsync() : Task.FromResult(string.Empty);
    }

    public string PortLine { get; }

    public int Port { get; }

    public PluginClient Client { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static async Task<ProviderProcess> StartAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(PluginBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AUDITINFRA_S3_ENDPOINT", "LINODE_OBJ_ACCESS_KEY", "LINODE_OBJ_SECRET_KEY" })
        {
            start.Environment.Remove(name); // only what a test passes reaches the plugin
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the plugin");
        var portLine = await ReadPortLineAsync(process.StandardOutput.BaseStream);
        var provider = new ProviderProcess(process, portLine);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (provider._stderr)
            {
                provider._stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return provider;
    }

    public Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> parser)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Client.CallAsync(method, request, parser);

    /// <summary>Sends SIGINT and returns how long the process took to exit.</summary>
    public async Task<TimeSpan> InterruptAsync()
    {
        var clock = Stopwatch.StartNew();
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigInt);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("the plugin did not exit within 5 s of SIGINT");
        }

        return clock.Elapsed;
    }

    /// <summary>Everything the plugin wrote to stdout after the port line (must be nothing); only after exit.</summary>
    public Task<string> RestOfStdoutAsync() => _restOfStdout;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await InterruptAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>As the engine's parsePort: one byte at a time up to the first newline.</summary>
    private static async Task<string> ReadPortLineAsync(Stream stdout)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stdout.ReadAsync(buffer, timeout.Token) == 1)
        {
            line.Append((char)buffer[0]);
            if (buffer[0] == '\n')
            {
                return line.ToString();
            }
        }

        throw new InvalidOperationException($"the plugin closed stdout before a port line; it wrote \"{line}\"");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

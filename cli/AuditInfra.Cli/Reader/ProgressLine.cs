using System.Globalization;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Cli.Reader;

/// <summary>
/// Redraws one status line on stderr a few times a second while verify runs — only when stderr is a terminal,
/// so logs and pipes never see carriage returns.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TextWriter _error;

    private ProgressLine(VerifyProgress progress, TextWriter error)
    {
        _error = error;
        _loop = DrawAsync(progress);
    }

    public static ProgressLine? Start(CliConsole console, VerifyProgress progress) =>
        console.IsErrorTerminal ? new ProgressLine(progress, console.Error) : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _error.Write("\r\u001b[K");
        _stop.Dispose();
    }

    private async Task DrawAsync(VerifyProgress progress)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var mib = progress.StoredBytes / (1024.0 * 1024.0);
                _error.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $"\r\u001b[K  verifying: {progress.ObjectsDone:#,0}/{progress.ObjectsListed:#,0} objects, {progress.Records:#,0} records, {mib:0.0} MiB"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

namespace AuditInfra.Cli;

/// <summary>Where a command writes. Tests pass string writers; the program passes the process's streams.</summary>
public sealed class CliConsole
{
    /// <param name="output">Standard output as text.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="isErrorTerminal">Whether stderr is a terminal (live progress lines).</param>
    /// <param name="outputStream">
    /// Standard output as bytes, for reports that are UTF-8 already; null writes them through <paramref name="output"/>.
    /// </param>
    public CliConsole(TextWriter output, TextWriter error, bool isErrorTerminal = false, Stream? outputStream = null)
    {
        Out = output;
        Error = error;
        IsErrorTerminal = isErrorTerminal;
        OutStream = outputStream ?? new TextWriterStream(output);
    }

    public static CliConsole System => new(
        global::System.Console.Out, global::System.Console.Error, !global::System.Console.IsErrorRedirected, global::System.Console.OpenStandardOutput());

    public TextWriter Out { get; }

    /// <summary>
    /// The same standard output as <see cref="Out"/>, as bytes: large UTF-8 reports skip the round trip through
    /// UTF-16 and an encoder. <see cref="Out"/> flushes on every write, so the two never interleave out of order.
    /// </summary>
    public Stream OutStream { get; }

    public TextWriter Error { get; }

    /// <summary>True when stderr is a terminal: only then do commands draw a live progress line.</summary>
    public bool IsErrorTerminal { get; }

    /// <summary>
    /// A note on stderr while an S3 endpoint has not answered yet (for <c>LogSourceFactory.OpenAsync</c>), so a slow
    /// or silent endpoint is never minutes of silence. Stderr only: reports on stdout stay clean.
    /// </summary>
    public void WaitingFor(string endpoint, TimeSpan elapsed)
    {
        lock (Error)
        {
            Error.WriteLine($"auditinfra: waiting for {endpoint} to answer ({elapsed.TotalSeconds:0} s)...");
        }
    }

    /// <summary>Writes the one line a user error is reported with (escaped: messages quote keys, paths and values).</summary>
    public void WriteError(string message) => Error.WriteLine($"auditinfra: {AuditInfra.Reader.Reporting.DisplayText.Escape(message)}");
}

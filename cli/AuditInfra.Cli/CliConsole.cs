namespace AuditInfra.Cli;

/// <summary>Where a command writes. Tests pass string writers; the program passes the process's streams.</summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool isErrorTerminal = false)
    {
        Out = output;
        Error = error;
        IsErrorTerminal = isErrorTerminal;
    }

    public static CliConsole System => new(global::System.Console.Out, global::System.Console.Error, !global::System.Console.IsErrorRedirected);

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when stderr is a terminal: only then do commands draw a live progress line.</summary>
    public bool IsErrorTerminal { get; }

    /// <summary>Writes the one line a user error is reported with.</summary>
    public void WriteError(string message) => Error.WriteLine($"auditinfra: {message}");
}

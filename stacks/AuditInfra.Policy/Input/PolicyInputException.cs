namespace AuditInfra.Policy.Input;

/// <summary>An input file that cannot be read or understood; the message names the file and, where known, the line.</summary>
public sealed class PolicyInputException : Exception
{
    public PolicyInputException(string file, string problem, int line = 0, int column = 0)
        : base(line > 0 ? $"{file}:{line}:{column}: {OneLine(problem)}" : $"{file}: {OneLine(problem)}")
    {
        File = file;
        Problem = OneLine(problem);
        Line = line;
        Column = column;
    }

    public PolicyInputException()
        : this("(input)", "unreadable input")
    {
    }

    public PolicyInputException(string message)
        : this("(input)", message)
    {
    }

    public PolicyInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "(input)";
        Problem = message;
    }

    public string File { get; } = "(input)";

    /// <summary>Parser messages may quote the offending text, newlines included; the error is one line.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    public string Problem { get; } = "";

    public int Line { get; }

    public int Column { get; }
}

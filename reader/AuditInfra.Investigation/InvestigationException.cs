namespace AuditInfra.Investigation;

/// <summary>
/// A user error in an investigation command (a filter that can never match, a bad checkpoint file, an output that
/// cannot be written). Raised before any reading where possible; the CLI prints the message as one line, exit 2.
/// </summary>
public sealed class InvestigationException : Exception
{
    public InvestigationException()
    {
    }

    public InvestigationException(string message)
        : base(message)
    {
    }

    public InvestigationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace AuditInfra.Reader.Integrity.Signing;

/// <summary>A key file cannot be used (missing, unreadable, not PEM, an unsupported algorithm or size). The message is one line for the user.</summary>
public sealed class SigningKeyException : Exception
{
    public SigningKeyException(string message)
        : base(message)
    {
    }

    public SigningKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SigningKeyException()
    {
    }
}

namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>A digest's bytes are not a well-formed, correctly signed digest; <c>verify --integrity</c> reports it as <c>digest_invalid</c>.</summary>
public sealed class DigestFormatException : Exception
{
    public DigestFormatException(string message)
        : base(message)
    {
    }

    public DigestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DigestFormatException()
    {
    }
}

namespace AuditInfra.Reader.Configuration;

/// <summary>A settings file or value that cannot be used; the message names the file or key and what is wrong.</summary>
public sealed class ReaderConfigurationException : Exception
{
    public ReaderConfigurationException()
    {
    }

    public ReaderConfigurationException(string message)
        : base(message)
    {
    }

    public ReaderConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace AuditInfra.Reader.Sources;

/// <summary>
/// A source cannot be read for a reason the user must fix (no such bucket, access denied, endpoint not
/// answering). Carries the service's error code where there is one. The CLI prints the message as one line, exit 2.
/// </summary>
public sealed class LogSourceException : Exception
{
    public LogSourceException(string message, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    public LogSourceException()
    {
    }

    public LogSourceException(string message)
        : base(message)
    {
    }

    public LogSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The S3 error code (e.g. <c>NoSuchBucket</c>, <c>InvalidAccessKeyId</c>) or null.</summary>
    public string? ErrorCode { get; }
}

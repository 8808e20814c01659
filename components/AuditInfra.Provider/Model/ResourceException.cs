namespace AuditInfra.Provider.Model;

/// <summary>What kind of failure a resource reports; the adapter maps each to a gRPC status the engine reads as a clean failure.</summary>
public enum ResourceErrorKind
{
    InvalidInput,
    AlreadyExists,
    NotFound,
    PreconditionFailed,
    AccessDenied,
    Unavailable,
}

/// <summary>One clear failure of a resource operation, carrying the service's own error code where there is one.</summary>
public sealed class ResourceException : Exception
{
    public ResourceException(ResourceErrorKind kind, string message, string? serviceErrorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        ServiceErrorCode = serviceErrorCode;
    }

    public ResourceErrorKind Kind { get; }

    public string? ServiceErrorCode { get; }
}

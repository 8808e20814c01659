namespace AuditInfra.Grpc;

/// <summary>
/// A call that ended with a non-OK gRPC status: thrown by handlers to answer with a deliberate code (the engine
/// reads Unknown/Internal as "state unknown", every other code as a clean failure), and by <see cref="GrpcClient"/>
/// when the other side answered with one.
/// </summary>
public sealed class GrpcException : Exception
{
    public GrpcException(GrpcStatusCode status, string message)
        : base(message)
    {
        Status = status;
    }

    public GrpcException(GrpcStatusCode status, string message, Exception innerException)
        : base(message, innerException)
    {
        Status = status;
    }

    public GrpcStatusCode Status { get; }

    public override string ToString() => $"{Status}: {Message}";
}

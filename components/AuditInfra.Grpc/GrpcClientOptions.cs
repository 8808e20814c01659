namespace AuditInfra.Grpc;

/// <summary>Options for <see cref="GrpcClient"/>.</summary>
public sealed class GrpcClientOptions
{
    /// <summary>Deadline for one call; the engine's own services answer quickly, RegisterResource waits for a child's step.</summary>
    public TimeSpan Timeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;
}

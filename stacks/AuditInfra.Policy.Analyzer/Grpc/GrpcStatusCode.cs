namespace AuditInfra.Policy.Analyzer.Grpc;

/// <summary>The gRPC status codes this server answers with.</summary>
public enum GrpcStatusCode
{
    Ok = 0,
    InvalidArgument = 3,
    Unimplemented = 12,
    Internal = 13,
}

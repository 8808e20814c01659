using AuditInfra.Grpc;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol;

/// <summary>
/// Every failure leaves the plugin with a deliberate gRPC status. Only a true bug becomes Internal (the engine then
/// marks the resource's state as possibly corrupt); its stack trace goes to stderr, which the engine shows with --debug.
/// </summary>
internal static class ErrorMapping
{
    public static GrpcException ToGrpc(Exception error) => error switch
    {
        GrpcException grpc => grpc,
        ResourceException resource => new GrpcException(Code(resource.Kind), resource.Message, resource),
        OperationCanceledException => new GrpcException(GrpcStatusCode.Cancelled, "the operation was cancelled", error),
        _ => Unexpected(error),
    };

    private static GrpcStatusCode Code(ResourceErrorKind kind) => kind switch
    {
        ResourceErrorKind.InvalidInput => GrpcStatusCode.InvalidArgument,
        ResourceErrorKind.AlreadyExists => GrpcStatusCode.AlreadyExists,
        ResourceErrorKind.NotFound => GrpcStatusCode.NotFound,
        ResourceErrorKind.AccessDenied => GrpcStatusCode.PermissionDenied,
        ResourceErrorKind.Unavailable => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.FailedPrecondition,
    };

    private static GrpcException Unexpected(Exception error)
    {
        Console.Error.WriteLine(error.ToString());
        return new GrpcException(GrpcStatusCode.Internal, $"internal error in pulumi-resource-auditinfra: {error.Message}", error);
    }
}

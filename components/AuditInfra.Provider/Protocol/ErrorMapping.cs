using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Model;
using Grpc.Core;

namespace AuditInfra.Provider.Protocol;

/// <summary>
/// Every failure leaves the plugin with a deliberate gRPC status. Only a true bug becomes Internal (the engine then
/// marks the resource's state as possibly corrupt); its stack trace goes to stderr, which the engine shows with --debug.
/// </summary>
internal static class ErrorMapping
{
    public static RpcException ToGrpc(Exception error) => error switch
    {
        RpcException grpc => grpc,
        ResourceException resource => GrpcErrors.Status(Code(resource.Kind), resource.Message),
        OperationCanceledException => GrpcErrors.Status(StatusCode.Cancelled, "the operation was cancelled"),
        _ => Unexpected(error),
    };

    private static StatusCode Code(ResourceErrorKind kind) => kind switch
    {
        ResourceErrorKind.InvalidInput => StatusCode.InvalidArgument,
        ResourceErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ResourceErrorKind.NotFound => StatusCode.NotFound,
        ResourceErrorKind.AccessDenied => StatusCode.PermissionDenied,
        ResourceErrorKind.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.FailedPrecondition,
    };

    private static RpcException Unexpected(Exception error)
    {
        Console.Error.WriteLine(error.ToString());
        return GrpcErrors.Status(StatusCode.Internal, $"internal error in pulumi-resource-auditinfra: {error.Message}");
    }
}

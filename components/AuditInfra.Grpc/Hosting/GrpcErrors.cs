using Grpc.Core;

namespace AuditInfra.Grpc.Hosting;

/// <summary>Shorthands for the statuses plugin handlers answer with.</summary>
public static class GrpcErrors
{
    /// <summary>A failure the caller can read as clean (anything but UNKNOWN/INTERNAL, which the engine reads as "state unknown").</summary>
    public static RpcException Status(StatusCode code, string detail) => new(new Status(code, detail));

    /// <summary>
    /// The default for plugins without their own mapping: a cancelled call is CANCELLED, anything else is a bug
    /// and INTERNAL with its type and message (the stack trace goes to stderr, which the engine shows with --debug).
    /// </summary>
    public static RpcException Default(Exception error)
    {
        if (error is OperationCanceledException)
        {
            return Status(StatusCode.Cancelled, "the call was cancelled");
        }

        Console.Error.WriteLine(error.ToString());
        return Status(StatusCode.Internal, $"{error.GetType().Name}: {error.Message}");
    }
}

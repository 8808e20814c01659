using System.Diagnostics.CodeAnalysis;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// What Grpc.AspNetCore may look up on a service type (its constructors and methods, for activation and the
/// method's attributes), which the trimmer must keep: the annotation Grpc.AspNetCore puts on its own TService
/// parameters, repeated on ours so that a Native AOT build can prove the service type flows through unharmed.
/// </summary>
internal static class ServiceMembers
{
    public const DynamicallyAccessedMemberTypes Kept =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;
}

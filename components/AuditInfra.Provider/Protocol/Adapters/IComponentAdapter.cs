using AuditInfra.Provider.Protocol.Messages;

namespace AuditInfra.Provider.Protocol.Adapters;

/// <summary>The wire side of one component type.</summary>
internal interface IComponentAdapter
{
    string Token { get; }

    Task<ConstructResult> ConstructAsync(ConstructArgs request, CancellationToken cancellationToken);
}

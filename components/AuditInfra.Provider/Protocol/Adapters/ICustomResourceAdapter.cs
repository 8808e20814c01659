using AuditInfra.Provider.Protocol.Messages;

namespace AuditInfra.Provider.Protocol.Adapters;

/// <summary>The wire side of one custom resource type: protobuf in, protobuf out.</summary>
internal interface ICustomResourceAdapter
{
    string Token { get; }

    CheckResult Check(CheckArgs request);

    DiffResult Diff(DiffArgs request);

    Task<CreateResult> CreateAsync(CreateArgs request, CancellationToken cancellationToken);

    Task<ReadResult> ReadAsync(ReadArgs request, CancellationToken cancellationToken);

    Task<UpdateResult> UpdateAsync(UpdateArgs request, CancellationToken cancellationToken);

    Task DeleteAsync(DeleteArgs request, CancellationToken cancellationToken);
}

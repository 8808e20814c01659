namespace AuditInfra.Provider.Model;

/// <summary>What Read found: the id, the live state and the inputs that would produce it (for refresh and import).</summary>
public sealed record ReadResult<TArgs, TState>(string Id, TArgs Inputs, TState State);

/// <summary>The id and outputs of a created resource.</summary>
public sealed record CreateResult<TState>(string Id, TState State);

/// <summary>
/// A custom resource as plain typed C#: inputs in <typeparamref name="TArgs"/>, outputs in <typeparamref name="TState"/>.
/// The adapter handles secrets, unknowns and the wire; Diff is derived from the records' attributes.
/// </summary>
public interface ICustomResource<TArgs, TState>
    where TArgs : class
    where TState : class
{
    /// <summary>Validates known inputs; <paramref name="isKnown"/> says which top-level inputs are known yet (preview).</summary>
    IReadOnlyList<CheckFailure> Check(TArgs args, Func<string, bool> isKnown);

    /// <summary>With <paramref name="preview"/>, touches nothing and returns null for outputs known only afterwards.</summary>
    Task<CreateResult<TState>> CreateAsync(string name, TArgs args, bool preview, IResourceLog log, CancellationToken cancellationToken);

    /// <summary>Null when the resource is gone.</summary>
    Task<ReadResult<TArgs, TState>?> ReadAsync(string id, CancellationToken cancellationToken);

    Task<TState> UpdateAsync(string id, TArgs olds, TArgs news, bool preview, IResourceLog log, CancellationToken cancellationToken);

    Task DeleteAsync(string id, IResourceLog log, CancellationToken cancellationToken);
}

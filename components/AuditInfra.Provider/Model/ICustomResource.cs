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

    /// <summary>
    /// Null when the resource is gone. <paramref name="recorded"/> is the state the engine holds (null on import):
    /// a resource must not report "gone" when it merely looked in another place than the one recorded there.
    /// </summary>
    Task<ReadResult<TArgs, TState>?> ReadAsync(string id, TState? recorded, CancellationToken cancellationToken);

    /// <summary><paramref name="recorded"/>: the state before the update, as the engine holds it.</summary>
    Task<TState> UpdateAsync(string id, TArgs olds, TArgs news, TState? recorded, bool preview, IResourceLog log, CancellationToken cancellationToken);

    /// <summary><paramref name="recorded"/>: the state as the engine holds it.</summary>
    Task DeleteAsync(string id, TState? recorded, IResourceLog log, CancellationToken cancellationToken);
}

using System.Collections.Immutable;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>
/// Inputs bound to a typed record: <see cref="Unknown"/> lists top-level inputs not known yet (left at their default),
/// <see cref="Secret"/> those that arrived as secrets, <see cref="Failures"/> what could not be bound.
/// </summary>
internal sealed record BindResult<T>(T Value, IReadOnlyList<CheckFailure> Failures, ImmutableHashSet<string> Unknown, ImmutableHashSet<string> Secret)
{
    public bool IsKnown(string name) => !Unknown.Contains(name);
}

using System.Collections.Immutable;

namespace AuditInfra.Provider.Model;

/// <summary>
/// A typed value that may be unknown until the engine has applied a step, may be secret, and carries the URNs
/// of the resources it came from. Components pass these between children; <typeparamref name="T"/> gives the
/// schema type.
/// </summary>
public sealed record Output<T>(PropertyValue Value) : IOutput
{
    public bool IsKnown => Value.IsKnown;

    /// <summary>The known plain value, or null when unknown.</summary>
    public PropertyValue? Known => Value.IsKnown ? Value.Plain() : null;

    public ImmutableArray<string> Dependencies => Value is OutputProperty o ? o.Dependencies : [];

    public Output<TResult> Map<TResult>(Func<PropertyValue, PropertyValue> map) => new(Value.Map(map));

    public Output<T> AsSecret() => new(Value is OutputProperty o ? o with { IsSecret = true } : PropertyValue.Secret(Value));
}

/// <summary>Creates <see cref="Output{T}"/> values.</summary>
public static class Output
{
    /// <summary>A value that depends on <paramref name="dependencies"/> (the URNs it came from).</summary>
    public static Output<T> From<T>(PropertyValue value, ImmutableArray<string> dependencies) =>
        dependencies.IsDefaultOrEmpty ? new(value) : new(new OutputProperty(value is UnknownProperty ? null : value, false, dependencies));
}

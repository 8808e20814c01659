namespace AuditInfra.Provider.Model;

/// <summary>
/// Names a property of an Args/State/Outputs record as Pulumi spells it, and describes it. The schema, the
/// binding of inputs and the writing of outputs all read this one attribute, so they cannot drift apart.
/// Required-ness comes from C#'s <c>required</c> keyword.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PropertyAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>A change to this input replaces the resource (schema <c>replaceOnChanges</c>, Diff <c>replaces</c>).</summary>
    public bool ReplaceOnChanges { get; init; }

    /// <summary>Always stored and shown as a secret (schema <c>secret</c>).</summary>
    public bool Secret { get; init; }

    /// <summary>Allowed string values, checked by the binder and listed in the description.</summary>
    public string[]? OneOf { get; init; }
}

using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>
/// Pulumi.&lt;stack&gt;.yaml: the stack's name, its <c>config:</c> values keyed as written (<c>project:key</c>), and the
/// Pulumi ESC environments it imports (<c>environment:</c>), whose values a static check cannot read.
/// </summary>
public sealed record StackFile(string Name, string File, MapValue Document, IReadOnlyDictionary<string, PolicyValue> Config)
{
    public IReadOnlyList<string> EscEnvironments { get; init; } = [];
}

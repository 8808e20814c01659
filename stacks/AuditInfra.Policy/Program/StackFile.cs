using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>Pulumi.&lt;stack&gt;.yaml: the stack's name and its <c>config:</c> values, keyed as written (<c>project:key</c>).</summary>
public sealed record StackFile(string Name, string File, MapValue Document, IReadOnlyDictionary<string, PolicyValue> Config);

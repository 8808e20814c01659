using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>A resource as written in the <c>resources:</c> block of a Pulumi YAML program, before config is substituted.</summary>
public sealed record ProgramResource(string Name, string Type, MapValue Properties, MapValue Options, SourceLocation Location);

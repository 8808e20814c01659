using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>
/// A resource as written in the <c>resources:</c> block of a Pulumi YAML program, before config is substituted.
/// <see cref="IsRead"/> marks a <c>get:</c> resource: an existing resource Pulumi reads, whose state only the engine sees.
/// </summary>
public sealed record ProgramResource(string Name, string Type, MapValue Properties, MapValue Options, SourceLocation Location, bool IsRead = false);

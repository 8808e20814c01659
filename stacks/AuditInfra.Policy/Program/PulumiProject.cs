using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>Pulumi.yaml: the project name, its config declarations, variables and resources.</summary>
public sealed record PulumiProject(
    string Name,
    string File,
    MapValue Document,
    IReadOnlyDictionary<string, ConfigDeclaration> Config,
    IReadOnlyDictionary<string, PolicyValue> Variables,
    IReadOnlyList<ProgramResource> Resources)
{
    public ProgramResource? FindResource(string name) => Resources.FirstOrDefault(r => r.Name == name);
}

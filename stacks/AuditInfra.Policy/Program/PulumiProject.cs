using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>
/// A Pulumi YAML project: its name, Pulumi.yaml (<see cref="File"/>), and the program Pulumi runs, which is
/// Main.json, Main.yaml or Pulumi.yaml in the program folder (<see cref="ProgramFile"/>): config declarations
/// (Pulumi.yaml's and the program's), variables and resources.
/// </summary>
public sealed record PulumiProject(
    string Name,
    string File,
    MapValue Document,
    IReadOnlyDictionary<string, ConfigDeclaration> Config,
    IReadOnlyDictionary<string, PolicyValue> Variables,
    IReadOnlyList<ProgramResource> Resources)
{
    /// <summary>The file the program was read from, as messages name it (Pulumi.yaml unless Main.json/Main.yaml).</summary>
    public string ProgramFile { get; init; } = File;

    public ProgramResource? FindResource(string name) => Resources.FirstOrDefault(r => r.Name == name);
}

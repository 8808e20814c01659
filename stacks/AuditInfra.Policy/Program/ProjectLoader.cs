using AuditInfra.Policy.Input;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>
/// Reads Pulumi.yaml and Pulumi.&lt;stack&gt;.yaml statically: no Pulumi CLI, no credentials, so the check also
/// runs on pull requests from forks. File names in locations are relative to the project folder.
/// </summary>
public static class ProjectLoader
{
    private const string ProjectFileName = "Pulumi.yaml";

    /// <param name="directory">The project folder.</param>
    /// <param name="stackName">Only this stack, or every Pulumi.&lt;stack&gt;.yaml when null.</param>
    /// <param name="displayPrefix">Prepended to file names in messages (e.g. the base folder), empty for the project under check.</param>
    public static ProjectFiles Load(string directory, string? stackName, string displayPrefix = "")
    {
        if (!Directory.Exists(directory))
        {
            throw new PolicyInputException(directory, "project folder not found");
        }

        var projectPath = Path.Combine(directory, ProjectFileName);
        if (!File.Exists(projectPath) && File.Exists(Path.Combine(directory, "Pulumi.yml")))
        {
            projectPath = Path.Combine(directory, "Pulumi.yml");
        }

        var project = ReadProject(projectPath, displayPrefix + Path.GetFileName(projectPath));
        var stacks = new List<StackFile>();
        foreach (var path in FindStackFiles(directory, stackName, displayPrefix))
        {
            var name = StackNameOf(path);
            var display = displayPrefix + Path.GetFileName(path);
            var document = YamlFileReader.ReadMapping(path, display);
            var config = document.At("config") switch
            {
                MapValue map => map.Entries,
                null or NullValue => new Dictionary<string, PolicyValue>(),
                var other => throw new PolicyInputException(display, "'config' must be a mapping", other.Location?.Line ?? 0, other.Location?.Column ?? 0),
            };
            stacks.Add(new StackFile(name, display, document, config));
        }

        return new ProjectFiles(directory, project, stacks);
    }

    private static IEnumerable<string> FindStackFiles(string directory, string? stackName, string displayPrefix)
    {
        if (stackName is not null)
        {
            var path = Path.Combine(directory, $"Pulumi.{stackName}.yaml");
            if (!File.Exists(path))
            {
                throw new PolicyInputException(displayPrefix + $"Pulumi.{stackName}.yaml", $"no stack file for stack '{stackName}'");
            }

            return [path];
        }

        return Directory.EnumerateFiles(directory, "Pulumi.*.yaml")
            .Where(p => StackNameOf(p).Length > 0)
            .Order(StringComparer.Ordinal);
    }

    private static string StackNameOf(string path)
    {
        var file = Path.GetFileName(path);
        return file.Length > "Pulumi..yaml".Length ? file["Pulumi.".Length..^".yaml".Length] : "";
    }

    private static PulumiProject ReadProject(string path, string display)
    {
        var document = YamlFileReader.ReadMapping(path, display);
        var name = document.At("name")?.Text
            ?? throw new PolicyInputException(display, "the project has no 'name'", 1, 1);
        var runtime = document.At("runtime") switch
        {
            MapValue map => map.At("name")?.Text,
            var other => other?.Text,
        };
        if (runtime is not "yaml")
        {
            throw new PolicyInputException(display, $"runtime '{runtime}' is not supported: the policy check reads Pulumi YAML programs (runtime: yaml)", 1, 1);
        }

        return new PulumiProject(
            name,
            display,
            document,
            ReadConfig(document.At("config"), display),
            Mapping(document.At("variables"), "variables", display),
            ReadResources(document.At("resources"), display));
    }

    private static Dictionary<string, ConfigDeclaration> ReadConfig(PolicyValue? block, string display)
    {
        var declarations = new Dictionary<string, ConfigDeclaration>(StringComparer.Ordinal);
        foreach (var (key, value) in Mapping(block, "config", display))
        {
            var location = value.Location ?? new SourceLocation(display, 0, 0);
            declarations[key] = value is MapValue map && (map.Entries.ContainsKey("type") || map.Entries.ContainsKey("default") || map.Entries.ContainsKey("value") || map.Entries.ContainsKey("secret"))
                ? new ConfigDeclaration(key, map.At("type")?.Text, map.At("default") ?? map.At("value"), map.At("secret")?.AsBool == true, location)
                : new ConfigDeclaration(key, null, value, false, location);
        }

        return declarations;
    }

    private static List<ProgramResource> ReadResources(PolicyValue? block, string display)
    {
        var resources = new List<ProgramResource>();
        foreach (var (name, value) in Mapping(block, "resources", display))
        {
            var location = value.Location ?? new SourceLocation(display, 0, 0);
            if (value is not MapValue body)
            {
                throw new PolicyInputException(display, $"resource '{name}' must be a mapping", location.Line, location.Column);
            }

            var type = body.At("type")?.Text
                ?? throw new PolicyInputException(display, $"resource '{name}' has no 'type'", location.Line, location.Column);
            resources.Add(new ProgramResource(
                name,
                Model.ResourceTypes.Canonical(type),
                body.At("properties") as MapValue ?? new MapValue(new Dictionary<string, PolicyValue>(), location),
                body.At("options") as MapValue ?? new MapValue(new Dictionary<string, PolicyValue>(), location),
                location));
        }

        return resources;
    }

    private static IReadOnlyDictionary<string, PolicyValue> Mapping(PolicyValue? block, string what, string display) => block switch
    {
        null or NullValue => new Dictionary<string, PolicyValue>(),
        MapValue map => map.Entries,
        _ => throw new PolicyInputException(display, $"'{what}' must be a mapping", block.Location?.Line ?? 0, block.Location?.Column ?? 0),
    };
}

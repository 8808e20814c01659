using AuditInfra.Policy.Input;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>
/// Reads a Pulumi YAML project statically (no Pulumi CLI, no credentials, so the check also runs on pull requests
/// from forks), from where Pulumi reads it: the program is Main.json, else Main.yaml, else Pulumi.yaml, in the
/// folder named by <c>main:</c> (default: the project folder) — pulumi-yaml <c>pkg/pulumiyaml/run.go</c> LoadDir and
/// the project file reference (main, stackConfigDir). Stack files are Pulumi.&lt;stack&gt;.yaml in
/// <c>stackConfigDir</c> (default: the project folder). File names in locations are relative to the project folder.
/// </summary>
public static class ProjectLoader
{
    private static readonly string[] ProgramFileNames = ["Main.json", "Main.yaml", "Pulumi.yaml"];

    /// <param name="directory">The project folder.</param>
    /// <param name="stackName">Only this stack, or every Pulumi.&lt;stack&gt;.yaml when null.</param>
    /// <param name="displayPrefix">Prepended to file names in messages (e.g. the base folder), empty for the project under check.</param>
    /// <param name="missingStackIsRemoval">A missing Pulumi.&lt;stackName&gt;.yaml is recorded in <see cref="ProjectFiles.MissingStacks"/> instead of an error.</param>
    public static ProjectFiles Load(string directory, string? stackName, string displayPrefix = "", bool missingStackIsRemoval = false)
    {
        if (!Directory.Exists(directory))
        {
            throw new PolicyInputException(directory, "project folder not found");
        }

        var projectPath = Path.Combine(directory, "Pulumi.yaml");
        if (!File.Exists(projectPath) && File.Exists(Path.Combine(directory, "Pulumi.yml")))
        {
            projectPath = Path.Combine(directory, "Pulumi.yml");
        }

        var notes = new List<string>();
        var projectDisplay = displayPrefix + Path.GetFileName(projectPath);
        var projectDocument = YamlFileReader.ReadMapping(projectPath, projectDisplay, directory);
        var project = ReadProject(directory, projectPath, projectDisplay, projectDocument, displayPrefix, notes);

        var stackDirectory = directory;
        var stackPrefix = displayPrefix;
        if (projectDocument.At("stackConfigDir") is { } configDir and not NullValue)
        {
            var relative = configDir.Text ?? throw Error(projectDisplay, configDir, "'stackConfigDir' must be a folder name");
            stackDirectory = Inside(directory, relative, projectDisplay, configDir, "stackConfigDir");
            stackPrefix = displayPrefix + relative.TrimEnd('/') + "/";
        }

        var stacks = new List<StackFile>();
        var missing = new List<string>();
        foreach (var path in FindStackFiles(stackDirectory, stackName, stackPrefix, missingStackIsRemoval, missing))
        {
            stacks.Add(ReadStack(path, stackPrefix + Path.GetFileName(path), directory));
        }

        return new ProjectFiles(directory, project, stacks, notes) { MissingStacks = missing };
    }

    private static StackFile ReadStack(string path, string display, string directory)
    {
        var document = YamlFileReader.ReadMapping(path, display, directory);
        var config = document.At("config") switch
        {
            MapValue map => map.Entries,
            null or NullValue => new Dictionary<string, PolicyValue>(),
            var other => throw Error(display, other, "'config' must be a mapping"),
        };
        return new StackFile(StackNameOf(path), display, document, config) { EscEnvironments = EscEnvironments(document.At("environment"), display) };
    }

    /// <summary>The ESC environments a stack file imports: a list of names, one name, or <c>{imports: [...]}</c>.</summary>
    private static IReadOnlyList<string> EscEnvironments(PolicyValue? block, string display) => block switch
    {
        null or NullValue => [],
        ScalarValue one => [one.Raw],
        ListValue list => list.Values.Select(v => v.Text ?? "(an environment written as a mapping)").ToList(),
        MapValue map => (map.At("imports")?.Items ?? []).Select(v => v.Text ?? "(an environment written as a mapping)").DefaultIfEmpty("(an environment block)").ToList(),
        _ => throw Error(display, block, "'environment' must list Pulumi ESC environments"),
    };

    private static IEnumerable<string> FindStackFiles(string directory, string? stackName, string displayPrefix, bool missingIsRemoval, List<string> missing)
    {
        if (stackName is not null)
        {
            var path = Path.Combine(directory, $"Pulumi.{stackName}.yaml");
            if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                return [path];
            }

            if (missingIsRemoval)
            {
                missing.Add(stackName);
                return [];
            }

            throw new PolicyInputException(displayPrefix + $"Pulumi.{stackName}.yaml", $"no stack file for stack '{stackName}'");
        }

        return Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory, "Pulumi.*.yaml").Where(p => StackNameOf(p).Length > 0).Order(StringComparer.Ordinal)
            : [];
    }

    private static string StackNameOf(string path)
    {
        var file = Path.GetFileName(path);
        return file.Length > "Pulumi..yaml".Length ? file["Pulumi.".Length..^".yaml".Length] : "";
    }

    private static PulumiProject ReadProject(string directory, string projectPath, string display, MapValue document, string displayPrefix, List<string> notes)
    {
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

        var (programPath, programDisplay) = FindProgram(directory, projectPath, display, document, displayPrefix);
        var program = programPath == projectPath ? document : YamlFileReader.ReadMapping(programPath, programDisplay, directory);
        if (program != document)
        {
            var ignored = new[] { "resources", "variables", "outputs" }.Where(k => document.At(k) is not null and not NullValue).ToList();
            notes.Add(ignored.Count > 0
                ? $"the program is {programDisplay} (Pulumi runs Main.json, else Main.yaml, else Pulumi.yaml); the {string.Join(", ", ignored)} in {display} are not run by Pulumi and were not checked"
                : $"the program is {programDisplay} (Pulumi runs Main.json, else Main.yaml, else Pulumi.yaml)");
        }

        // Pulumi.yaml's config block is the project's; the program may declare more (config:, or the older configuration:).
        var config = ReadConfig(document.At("config"), display);
        if (program != document)
        {
            foreach (var block in new[] { "configuration", "config" })
            {
                foreach (var (key, declaration) in ReadConfig(program.At(block), programDisplay))
                {
                    config.TryAdd(key, declaration);
                }
            }
        }
        else
        {
            foreach (var (key, declaration) in ReadConfig(document.At("configuration"), display))
            {
                config.TryAdd(key, declaration);
            }
        }

        return new PulumiProject(
            name,
            display,
            document,
            config,
            Mapping(program.At("variables"), "variables", programDisplay),
            ReadResources(program.At("resources"), programDisplay))
        {
            ProgramFile = programDisplay,
        };
    }

    /// <summary>Main.json, Main.yaml, then Pulumi.yaml in the program folder: the first that exists is the program.</summary>
    private static (string Path, string Display) FindProgram(string directory, string projectPath, string display, MapValue document, string displayPrefix)
    {
        var programDirectory = directory;
        var programPrefix = displayPrefix;
        if (document.At("main") is { } main and not NullValue)
        {
            var relative = main.Text ?? throw Error(display, main, "'main' must be a path");
            var full = Inside(directory, relative, display, main, "main");
            if (File.Exists(full))
            {
                throw Error(display, main, $"main: '{relative}' names a file; Pulumi YAML runs the program in a folder (Main.json, Main.yaml or Pulumi.yaml there), so the check cannot tell what runs");
            }

            programDirectory = full;
            var trimmed = relative.Trim('/');
            programPrefix = trimmed is "" or "." ? displayPrefix : displayPrefix + trimmed + "/";
        }

        foreach (var file in ProgramFileNames)
        {
            var candidate = Path.Combine(programDirectory, file);
            if (File.Exists(candidate) || new FileInfo(candidate).LinkTarget is not null)
            {
                return Path.GetFullPath(candidate) == Path.GetFullPath(projectPath) ? (projectPath, display) : (candidate, programPrefix + file);
            }
        }

        throw new PolicyInputException(display, $"no program: Pulumi would look for Main.json, Main.yaml or Pulumi.yaml in '{(programPrefix.Length > 0 ? programPrefix : "./")}' and there is none");
    }

    /// <summary>A folder named in Pulumi.yaml, which must exist and stay inside the project folder.</summary>
    private static string Inside(string directory, string relative, string display, PolicyValue at, string what)
    {
        var full = Path.GetFullPath(Path.Combine(directory, relative));
        if (!InputFile.IsInside(full, directory) && !InputFile.IsInside(full, Path.GetFullPath(directory)))
        {
            throw Error(display, at, $"{what}: '{relative}' is outside the project folder: refused");
        }

        if (!Directory.Exists(full) && !File.Exists(full))
        {
            throw Error(display, at, $"{what}: '{relative}' does not exist");
        }

        return full;
    }

    private static Dictionary<string, ConfigDeclaration> ReadConfig(PolicyValue? block, string display)
    {
        var declarations = new Dictionary<string, ConfigDeclaration>(StringComparer.Ordinal);
        foreach (var (key, value) in Mapping(block, "config", display))
        {
            var location = value.Location ?? new SourceLocation(display, 0, 0);
            declarations[key] = value is MapValue map && (map.Entries.ContainsKey("type") || map.Entries.ContainsKey("default") || map.Entries.ContainsKey("value") || map.Entries.ContainsKey("secret") || map.Entries.ContainsKey("items"))
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
            var empty = new MapValue(new Dictionary<string, PolicyValue>(), location);
            resources.Add(new ProgramResource(
                name,
                Model.ResourceTypes.Canonical(type),
                body.At("properties") as MapValue ?? empty,
                body.At("options") as MapValue ?? empty,
                location,
                IsRead: body.At("get") is not null and not NullValue));
        }

        return resources;
    }

    private static IReadOnlyDictionary<string, PolicyValue> Mapping(PolicyValue? block, string what, string display) => block switch
    {
        null or NullValue => new Dictionary<string, PolicyValue>(),
        MapValue map => map.Entries,
        _ => throw Error(display, block, $"'{what}' must be a mapping"),
    };

    private static PolicyInputException Error(string display, PolicyValue at, string problem) =>
        new(display, problem, at.Location?.Line ?? 0, at.Location?.Column ?? 0);
}

using AuditInfra.TestSupport;
using YamlDotNet.RepresentationModel;

namespace AuditInfra.Policy.Tests.Support;

/// <summary>
/// A copy of a Pulumi project (the committed one at the repo root, or a fixture) in a temp folder, with
/// edits made through the YAML tree so a test can weaken exactly one thing. Paths use '/' between keys,
/// because keys such as <c>audit-logs:retentionMode</c> contain dots and colons.
/// </summary>
public sealed class ProjectCopy : IDisposable
{
    private readonly TempDirectory _directory;

    private ProjectCopy(string source)
    {
        _directory = new TempDirectory("policy");
        foreach (var file in Directory.EnumerateFiles(source, "Pulumi*.yaml").Concat(Directory.EnumerateFiles(source, "policy.yaml")))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(_directory.Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path => _directory.Path;

    /// <summary>The committed Pulumi.yaml, Pulumi.dev.yaml and Pulumi.prod.yaml.</summary>
    public static ProjectCopy Committed() => new(RepoPaths.Root);

    /// <summary>The compliant stack written with plain resources (Fixtures/plain).</summary>
    public static ProjectCopy Plain() => new(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "plain"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Sets the node at <paramref name="path"/> (parents must exist) to <paramref name="yaml"/>, parsed as YAML.</summary>
    public ProjectCopy Set(string file, string path, string yaml) => Edit(file, path, (parent, key) => parent.Children[new YamlScalarNode(key)] = ParseNode(yaml));

    public ProjectCopy Remove(string file, string path) => Edit(file, path, (parent, key) =>
    {
        if (!parent.Children.Remove(new YamlScalarNode(key)))
        {
            throw new InvalidOperationException($"{file}: nothing at {path} to remove");
        }
    });

    /// <summary>Adds a resource to the program's <c>resources:</c> block.</summary>
    public ProjectCopy AddResource(string name, string yaml, string file = "Pulumi.yaml") => Set(file, $"resources/{name}", yaml);

    public ProjectCopy Write(string name, string text)
    {
        System.IO.File.WriteAllText(File(name), text);
        return this;
    }

    public void Dispose() => _directory.Dispose();

    private ProjectCopy Edit(string file, string path, Action<YamlMappingNode, string> change)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(File(file)))
        {
            stream.Load(reader);
        }

        var segments = path.Split('/');
        var node = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (var segment in segments[..^1])
        {
            node = node.Children.TryGetValue(new YamlScalarNode(segment), out var next) && next is YamlMappingNode map
                ? map
                : throw new InvalidOperationException($"{file}: no mapping at '{segment}' of {path}");
        }

        change(node, segments[^1]);
        using var writer = new StreamWriter(File(file));
        stream.Save(writer, assignAnchors: false);
        return this;
    }

    private static YamlNode ParseNode(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}

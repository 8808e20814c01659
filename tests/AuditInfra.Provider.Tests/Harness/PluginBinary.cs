using System.Text.RegularExpressions;
using AuditInfra.TestSupport;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>The plugin executable where Pulumi.yaml's plugins.providers entry says the engine will find it.</summary>
public static partial class PluginBinary
{
    public static string Directory { get; } = Find();

    public static string Path => System.IO.Path.Combine(Directory, "pulumi-resource-auditinfra");

    private static string Find()
    {
        var yaml = File.ReadAllText(RepoPaths.Combine("Pulumi.yaml"));
        var match = PluginPath().Match(yaml);
        if (!match.Success)
        {
            throw new InvalidOperationException("Pulumi.yaml has no plugins.providers entry named auditinfra with a path");
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoPaths.Root, match.Groups[1].Value));
    }

    [GeneratedRegex(@"-\s*name:\s*auditinfra\s*\n\s*path:\s*(\S+)")]
    private static partial Regex PluginPath();
}

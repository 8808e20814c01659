using AuditInfra.Policy.Model;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>Builds the <see cref="StackView"/> of one stack from the program, its config substituted.</summary>
public static class ProgramModelBuilder
{
    public static StackView Build(ProjectFiles files, StackFile stack, string environment)
    {
        var interpolator = new Interpolator(files.Project, stack);
        var resources = new List<AuditResource>();
        foreach (var declared in files.Project.Resources)
        {
            var options = interpolator.ResolveMap(declared.Options);
            var resource = new AuditResource(
                declared.Name,
                declared.Type,
                interpolator.ResolveMap(declared.Properties),
                declared.Location,
                options.At("protect")?.AsBool == true,
                (options.At("parent") as ReferenceValue)?.Resource,
                declared.Name)
            {
                IsRead = declared.IsRead,
                ProtectOption = options.At("protect"),
            };
            resources.Add(resource);
            resources.AddRange(ComponentExpander.Expand(resource));
        }

        return new StackView(stack.Name, environment, ViewSource.Program, stack.File, resources, IsComplete: true, files, stack);
    }

    /// <summary>
    /// Gives each resource of <paramref name="head"/> the inputs the same resource (same name and type) has in
    /// <paramref name="baseView"/>, the program on the base branch, so "never lowered" rules compare them.
    /// </summary>
    public static StackView WithBase(StackView head, StackView baseView)
    {
        var before = baseView.Resources.GroupBy(r => (r.Name, r.Type)).ToDictionary(g => g.Key, g => g.First());
        var resources = head.Resources
            .Select(r => before.TryGetValue((r.Name, r.Type), out var old)
                ? r with { Change = new ResourceChange("update", old.Properties, $"base {baseView.SourceFile}") }
                : r)
            .ToList();
        return head with { Resources = resources };
    }
}

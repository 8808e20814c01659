using AuditInfra.Policy.Input;
using AuditInfra.Policy.Model;
using AuditInfra.Policy.Preview;
using AuditInfra.Policy.Program;
using AuditInfra.Policy.Rules;
using AuditInfra.Policy.Settings;

namespace AuditInfra.Policy.Evaluation;

/// <summary>
/// Reads the project, its stacks, the previews and the settings, runs every rule that applies to each
/// stack's environment over each view, and applies the suppressions. Throws <see cref="PolicyInputException"/>
/// for input it cannot read; never touches the network.
/// </summary>
public sealed class PolicyChecker
{
    private readonly IReadOnlyList<IPolicyRule> _rules;

    public PolicyChecker(IReadOnlyList<IPolicyRule>? rules = null)
    {
        _rules = rules ?? RuleCatalog.All;
    }

    public PolicyReport Check(PolicyCheckRequest request)
    {
        var prefix = DisplayPrefix(request.ProjectDirectory);
        var settings = request.SettingsFile is { } explicitFile
            ? PolicySettingsLoader.Load(explicitFile, explicitFile, required: true)
            : PolicySettingsLoader.Load(Path.Combine(request.ProjectDirectory, PolicySettingsLoader.DefaultFileName), prefix + PolicySettingsLoader.DefaultFileName, required: false);
        var files = ProjectLoader.Load(request.ProjectDirectory, request.Stack, prefix, missingStackIsRemoval: request.BaseDirectory is not null);
        var notes = new List<string>(files.Notes);
        var views = new List<StackView>();
        var baseFiles = request.BaseDirectory is { } baseDirectory ? ProjectLoader.Load(baseDirectory, null, DisplayPrefix(baseDirectory)) : null;
        foreach (var stack in files.Stacks)
        {
            var environment = Environment(settings, stack.Name, notes);
            if (stack.EscEnvironments.Count > 0)
            {
                notes.Add($"stack {stack.Name} imports the Pulumi ESC environment {string.Join(", ", stack.EscEnvironments)}: config it does not set itself may come from there, which a static check cannot read, so those values count as unknown (run with --preview to see them)");
            }

            var view = ProgramModelBuilder.Build(files, stack, environment);
            if (baseFiles is not null)
            {
                if (baseFiles.Stacks.FirstOrDefault(s => s.Name == stack.Name) is { } baseStack)
                {
                    view = ProgramModelBuilder.WithBase(view, ProgramModelBuilder.Build(baseFiles, baseStack, view.Environment));
                }
                else
                {
                    notes.Add($"stack {stack.Name} is new (no {baseFiles.Project.File.Replace("Pulumi.yaml", $"Pulumi.{stack.Name}.yaml", StringComparison.Ordinal)}): nothing to compare retention with");
                }
            }

            views.Add(view);
        }

        // A stack file the base branch has and the change deletes: the stack's checks would silently stop.
        foreach (var removed in baseFiles?.Stacks.Where(b => files.Stacks.All(s => s.Name != b.Name) && (request.Stack is null || request.Stack == b.Name)) ?? [])
        {
            views.Add(new StackView(removed.Name, Environment(settings, removed.Name, notes), ViewSource.Removed, removed.File, [], IsComplete: false, baseFiles, removed));
        }

        foreach (var path in request.Previews ?? [])
        {
            var preview = PreviewReader.Read(path, path, files.Project);
            if (preview.Project != files.Project.Name)
            {
                throw new PolicyInputException(path, $"this preview is of project '{preview.Project}', not '{files.Project.Name}' ({files.Project.File}): it belongs to another project");
            }

            if (request.Stack is not null && preview.Stack != request.Stack)
            {
                throw new PolicyInputException(path, $"this preview is of stack '{preview.Stack}', not '{request.Stack}'");
            }

            var stack = files.Stacks.FirstOrDefault(s => s.Name == preview.Stack);
            if (stack is null && files.Stacks.Count > 0)
            {
                throw new PolicyInputException(path, $"this preview is of stack '{preview.Stack}', which has no Pulumi.{preview.Stack}.yaml in the project");
            }

            if (!preview.IsComplete)
            {
                notes.Add($"{path} was made without --show-sames: unchanged resources are missing, so rules that count resources skipped it");
            }

            views.Add(new StackView(preview.Stack, Environment(settings, preview.Stack, notes), ViewSource.Preview, path, preview.Resources, preview.IsComplete, files, stack));
        }

        if (views.Count == 0)
        {
            throw new PolicyInputException(prefix + "Pulumi.yaml", "no stack to check: add a Pulumi.<stack>.yaml or pass --preview");
        }

        var today = request.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var findings = views.SelectMany(view => Evaluate(view, settings, today)).ToList();
        var uses = settings.Suppressions.Select(s => new SuppressionUse(
            s,
            s.IsExpired(today) ? SuppressionStatus.Expired : findings.Any(f => f.SuppressedBy == s) ? SuppressionStatus.Applied : SuppressionStatus.Unused,
            findings.Count(f => f.SuppressedBy == s || f.Expired == s))).ToList();
        return new PolicyReport(views.Select(v => v.Checked).ToList(), findings, uses, _rules, notes);
    }

    /// <summary>Runs the rules that apply to the view's environment over one view, with the suppressions applied.</summary>
    public IEnumerable<Finding> Evaluate(StackView view, PolicySettings settings, DateOnly today)
    {
        var context = new RuleContext(view, settings);
        foreach (var rule in _rules.Where(r => r.Info.AppliesTo(view.Environment)))
        {
            foreach (var violation in rule.Evaluate(context))
            {
                var matching = settings.Suppressions.Where(s => s.Matches(rule.Info.Id, view.Stack, violation.Resource)).ToList();
                yield return new Finding(
                    rule.Info,
                    view.Stack,
                    view.Environment,
                    view.Source,
                    view.SourceFile,
                    violation,
                    matching.FirstOrDefault(s => !s.IsExpired(today)),
                    matching.FirstOrDefault(s => s.IsExpired(today)));
            }
        }
    }

    /// <summary>The stack's environment; when it was assumed (fail closed: production), the report says so once.</summary>
    private static string Environment(PolicySettings settings, string stack, List<string> notes)
    {
        var (environment, assumption) = settings.ResolveEnvironment(stack);
        if (assumption is not null && !notes.Contains(assumption))
        {
            notes.Add(assumption);
        }

        return environment;
    }

    /// <summary>How file names of a project folder appear in output: relative to the working folder, with '/'.</summary>
    private static string DisplayPrefix(string directory)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(directory)).Replace('\\', '/');
        if (relative == ".")
        {
            return "";
        }

        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? directory.TrimEnd('/') + "/"
            : relative + "/";
    }
}

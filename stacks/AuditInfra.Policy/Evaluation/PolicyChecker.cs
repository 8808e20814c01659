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
        var files = ProjectLoader.Load(request.ProjectDirectory, request.Stack, prefix);
        var notes = new List<string>();
        var views = new List<StackView>();
        var baseFiles = request.BaseDirectory is { } baseDirectory ? ProjectLoader.Load(baseDirectory, null, DisplayPrefix(baseDirectory)) : null;
        foreach (var stack in files.Stacks)
        {
            var view = ProgramModelBuilder.Build(files, stack, settings.EnvironmentOf(stack.Name));
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

        foreach (var path in request.Previews ?? [])
        {
            var preview = PreviewReader.Read(path, path, files.Project);
            if (request.Stack is not null && preview.Stack != request.Stack)
            {
                throw new PolicyInputException(path, $"this preview is of stack '{preview.Stack}', not '{request.Stack}'");
            }

            if (!preview.IsComplete)
            {
                notes.Add($"{path} was made without --show-sames: unchanged resources are missing, so rules that count resources skipped it");
            }

            var stack = files.Stacks.FirstOrDefault(s => s.Name == preview.Stack);
            views.Add(new StackView(preview.Stack, settings.EnvironmentOf(preview.Stack), ViewSource.Preview, path, preview.Resources, preview.IsComplete, files, stack));
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
        return new PolicyReport(views.Select(v => v.Describe).ToList(), findings, uses, _rules, notes);
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

using System.CommandLine;
using AuditInfra.Policy.Evaluation;
using AuditInfra.Policy.Input;
using AuditInfra.Policy.Output;
using AuditInfra.Policy.Rules;

namespace AuditInfra.Cli;

/// <summary>Registers the policy area's commands on the root command: <c>policy check</c> and <c>policy rules</c>.</summary>
public static class PolicyCommands
{
    public static void Register(RootCommand root, CliConsole console)
    {
        var policy = new Command("policy", "Policy checks over the Pulumi stacks: the pull-request gate for audit-log delivery.");
        policy.Subcommands.Add(Check(console));
        policy.Subcommands.Add(Rules(console));
        root.Subcommands.Add(policy);
    }

    private static Command Check(CliConsole console)
    {
        var stack = new Option<string>("--stack") { HelpName = "NAME", Description = "Check only this stack (Pulumi.<stack>.yaml). Default: every Pulumi.*.yaml in the project." };
        var previews = new Option<string[]>("--preview")
        {
            HelpName = "FILE",
            Description = "JSON of 'pulumi preview --json --show-sames' for a stack; repeat for several stacks. Adds what only the engine " +
                "knows: deletions, replacements, old and new inputs (retention never lowered).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var project = new Option<string>("--project") { HelpName = "DIR", Description = "Folder with Pulumi.yaml and the stack files.", DefaultValueFactory = _ => "." };
        var baseDirectory = new Option<string>("--base")
        {
            HelpName = "DIR",
            Description = "Folder with the base branch's checkout (e.g. from 'git worktree add'): its program and stack files are compared " +
                "with the project's, so a lowered retention is denied without a preview.",
        };
        var settings = new Option<string>("--policy") { HelpName = "FILE", Description = "Policy settings and suppressions. Default: policy.yaml in the project folder, if present." };
        var format = FormatOption.Create("text (for people), json, or sarif (SARIF 2.1.0 for code scanning).", "text", "json", "sarif");
        var output = new Option<string>("--output")
        {
            HelpName = "FILE",
            Description = "Write the report to this file (replaced whole, never half-written). With json or sarif the text report still goes to stdout.",
        };
        var command = new Command("check", "Check the stacks (and previews) against every policy rule. Exit 0 when nothing denies, 1 when something does, 2 on unreadable input.")
        {
            stack, previews, project, baseDirectory, settings, format, output,
        };
        command.SetAction(parse =>
        {
            var request = new PolicyCheckRequest(
                parse.GetValue(project) ?? ".",
                parse.GetValue(stack),
                parse.GetValue(previews) ?? [],
                parse.GetValue(baseDirectory),
                parse.GetValue(settings));
            var chosen = Enum.Parse<ReportFormat>(parse.GetValue(format) ?? "text", ignoreCase: true);
            PolicyReport report;
            try
            {
                report = new PolicyChecker().Check(request);
            }
            catch (PolicyInputException ex)
            {
                console.WriteError(ex.Message);
                return ExitCodes.Error;
            }

            if (parse.GetValue(output) is { } file)
            {
                if (!TryWriteFile(file, report, chosen, console))
                {
                    return ExitCodes.Error;
                }

                if (chosen != ReportFormat.Text)
                {
                    TextReportWriter.Write(report, console.Out);
                }
            }
            else
            {
                ReportWriter.Write(report, chosen, console.Out);
            }

            return report.Passes ? ExitCodes.Clean : ExitCodes.Findings;
        });
        return command;
    }

    private static Command Rules(CliConsole console)
    {
        var format = FormatOption.Create("text or json.", "text", "json");
        var command = new Command("rules", "List every policy rule: id, severity, environments, title and why it exists.") { format };
        command.SetAction(parse =>
        {
            if (parse.GetValue(format) == "json")
            {
                var rules = new System.Text.Json.Nodes.JsonArray(RuleCatalog.All.Select(r => (System.Text.Json.Nodes.JsonNode)JsonReportWriter.Rule(r.Info)).ToArray());
                console.Out.WriteLine(rules.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Clean;
            }

            foreach (var rule in RuleCatalog.All.Select(r => r.Info))
            {
                var outside = rule.OutsideProd is { } other && other != rule.Severity ? $" ({other.ToString().ToLowerInvariant()} outside prod)" : "";
                console.Out.WriteLine($"{rule.Id} {rule.Severity.ToString().ToLowerInvariant(),-4} [{rule.EnvironmentsText}] {rule.Name}: {rule.Title}{outside}");
                console.Out.WriteLine($"    why: {rule.Reason}");
                console.Out.WriteLine($"    fix: {rule.Remedy}");
            }

            return ExitCodes.Clean;
        });
        return command;
    }

    private static bool TryWriteFile(string file, PolicyReport report, ReportFormat format, CliConsole console)
    {
        var full = Path.GetFullPath(file);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                ReportWriter.Write(report, format, writer);
            }

            File.Move(temporary, full, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            console.WriteError($"{file}: cannot write the report: {ex.Message}");
            return false;
        }
    }
}

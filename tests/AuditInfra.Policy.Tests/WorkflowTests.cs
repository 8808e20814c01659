using System.Diagnostics;
using System.Text.RegularExpressions;
using AuditInfra.Cli;
using AuditInfra.Policy.Tests.Support;
using AuditInfra.TestSupport;
using YamlDotNet.RepresentationModel;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// The GitOps workflows cannot run here; what can be checked is: they parse, every `./auditinfra` command they
/// call exists with those options (parsed by the real command-line parser), and the policy steps, run by bash
/// the way GitHub runs a `shell: bash` step, fail on a denying change and pass on the committed stacks.
/// </summary>
public sealed partial class WorkflowTests
{
    private static readonly string WorkflowFolder = RepoPaths.Combine(".github", "workflows");

    private static IEnumerable<(string File, YamlMappingNode Root)> Workflows()
    {
        var files = Directory.EnumerateFiles(WorkflowFolder, "*.yml").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 2, "a pull-request and a deploy workflow");
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            yield return (Path.GetFileName(file), (YamlMappingNode)stream.Documents[0].RootNode);
        }
    }

    private static IEnumerable<(string Workflow, string Job, YamlMappingNode Step)> Steps() =>
        from workflow in Workflows()
        from job in ((YamlMappingNode)workflow.Root["jobs"]).Children
        from step in ((YamlSequenceNode)job.Value["steps"]).Children.Cast<YamlMappingNode>()
        select (workflow.File, ((YamlScalarNode)job.Key).Value!, step);

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    [Fact]
    public void Workflows_parse_and_every_job_has_a_runner_and_steps()
    {
        foreach (var (file, root) in Workflows())
        {
            Assert.True(root.Children.ContainsKey(new YamlScalarNode("on")), $"{file} has triggers");
            foreach (var job in ((YamlMappingNode)root["jobs"]).Children)
            {
                var body = (YamlMappingNode)job.Value;
                Assert.NotNull(Scalar(body, "runs-on"));
                Assert.All(((YamlSequenceNode)body["steps"]).Children.Cast<YamlMappingNode>(), step =>
                    Assert.True(Scalar(step, "uses") is not null ^ Scalar(step, "run") is not null, $"{file}/{job.Key}: a step uses an action or runs a script"));
            }
        }
    }

    [Fact]
    public void Pull_request_workflow_previews_each_environment_uploads_sarif_and_comments()
    {
        var steps = Steps().Where(s => s.Workflow == "pull-request.yml").ToList();
        var scripts = string.Join("\n", steps.Select(s => Scalar(s.Step, "run") ?? ""));
        Assert.Contains("./scripts/test.sh", scripts, StringComparison.Ordinal);
        Assert.Contains("for stack in dev prod", scripts, StringComparison.Ordinal);
        Assert.Contains("pulumi preview --stack \"$stack\" --json --show-sames", scripts, StringComparison.Ordinal);
        Assert.Contains(steps, s => Scalar(s.Step, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Contains("gh pr comment", scripts, StringComparison.Ordinal);
        Assert.All(steps.Where(s => Scalar(s.Step, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true || Scalar(s.Step, "name") == "summary comment"),
            s => Assert.StartsWith("always()", Scalar(s.Step, "if"), StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_workflow_runs_dev_then_prod_behind_its_environment()
    {
        var (_, root) = Workflows().Single(w => w.File == "deploy.yml");
        var jobs = (YamlMappingNode)root["jobs"];
        var prod = (YamlMappingNode)jobs["prod"];
        Assert.Equal("dev", Scalar(prod, "needs"));
        Assert.Equal("prod", Scalar(prod, "environment"));
        Assert.Equal("dev", Scalar((YamlMappingNode)jobs["dev"], "environment"));
        var push = (YamlMappingNode)((YamlMappingNode)root["on"])["push"];
        Assert.Equal("main", ((YamlSequenceNode)push["branches"]).Children.Cast<YamlScalarNode>().Single().Value);
        foreach (var job in new[] { "dev", "prod" })
        {
            var names = ((YamlSequenceNode)((YamlMappingNode)jobs[job])["steps"]).Children.Cast<YamlMappingNode>().Select(s => Scalar(s, "name")).ToList();
            Assert.True(names.IndexOf("policy") >= 0 && names.IndexOf("policy") < names.IndexOf("pulumi up"), $"{job}: the policy gate runs before pulumi up");
        }
    }

    [Fact]
    public void Every_auditinfra_command_in_the_workflows_exists()
    {
        var commands = Steps().SelectMany(s => AuditinfraCommands(Scalar(s.Step, "run") ?? "")).ToList();
        Assert.True(commands.Count >= 4, $"found {commands.Count} ./auditinfra calls");
        var root = CliApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null));
        foreach (var args in commands)
        {
            var parse = root.Parse(args);
            Assert.True(parse.Errors.Count == 0, $"./auditinfra {string.Join(' ', args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.NotSame(root, parse.CommandResult.Command);
            Assert.NotNull(parse.CommandResult.Command.Action);
        }
    }

    [Fact]
    public void The_command_extractor_sees_options_after_a_line_continuation()
    {
        var args = Assert.Single(AuditinfraCommands("set -o pipefail\n./auditinfra policy check --preview a.json \\\n  --format sarif --output \"$X/p.sarif\" | tee p.txt\n"));
        Assert.Equal(["policy", "check", "--preview", "a.json", "--format", "sarif", "--output", "VALUE/p.sarif"], args);
    }

    public static TheoryData<string, string> PolicySteps()
    {
        var data = new TheoryData<string, string>();
        foreach (var (workflow, job, _) in Steps().Where(s => Scalar(s.Step, "id") == "policy"))
        {
            data.Add(workflow, job);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PolicySteps))]
    public async Task Policy_step_passes_on_the_committed_stacks(string workflow, string job)
    {
        using var copy = ProjectCopy.Committed();
        var (exit, output) = await RunStepAsync(workflow, job, copy);
        Assert.True(exit == 0, $"exit {exit}\n{output}");
    }

    [Theory]
    [MemberData(nameof(PolicySteps))]
    public async Task Policy_step_fails_the_job_on_deny(string workflow, string job)
    {
        using var copy = ProjectCopy.Committed();
        copy.Set("Pulumi.prod.yaml", "config/audit-logs:retentionMode", "GOVERNANCE");
        // The deploy jobs check only their own stack's preview: each preview replaces the bucket.
        var (exit, output) = await RunStepAsync(workflow, job, copy, preview => preview.Change("auditPipeline-bucket", s => s["op"] = "replace"));
        Assert.True(exit == 1, $"exit {exit}\n{output}");
        Assert.Contains("DENY", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the step's script the way GitHub runs a `shell: bash` step (bash --noprofile --norc -eo pipefail),
    /// in a folder holding the project, the previews and the base checkout, with ./auditinfra the CLI built here.
    /// </summary>
    private static async Task<(int Exit, string Output)> RunStepAsync(string workflow, string job, ProjectCopy copy, Action<PreviewFixture>? weaken = null)
    {
        var (_, _, step) = Steps().Single(s => s.Workflow == workflow && s.Job == job && Scalar(s.Step, "id") == "policy");
        Assert.Equal("bash", Scalar(step, "shell"));
        using var runnerTemp = new TempDirectory("runner");
        var baseCopy = Directory.CreateDirectory(Path.Combine(runnerTemp.Path, "base")).FullName;
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Root, "Pulumi*.yaml"))
        {
            File.Copy(file, Path.Combine(baseCopy, Path.GetFileName(file)));
        }

        foreach (var stack in new[] { "dev", "prod" })
        {
            var preview = PreviewFixture.Load(stack);
            weaken?.Invoke(preview);
            preview.WriteTo(copy.Path, $"preview-{stack}.json");
        }

        var launcher = copy.File("auditinfra");
        File.WriteAllText(launcher, $"#!/usr/bin/env bash\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "auditinfra.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var script = copy.File("step.sh");
        File.WriteAllText(script, Scalar(step, "run"));

        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", script])
        {
            WorkingDirectory = copy.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RUNNER_TEMP"] = runnerTemp.Path;
        start.Environment["GITHUB_STEP_SUMMARY"] = copy.File("summary.md");
        start.Environment["STACK"] = job is "dev" or "prod" ? job : "";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The arguments of every `./auditinfra ...` call in a shell script (continuations joined, $VARS as VALUE).</summary>
    private static List<string[]> AuditinfraCommands(string script)
    {
        var commands = new List<string[]>();
        foreach (var line in script.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            var at = line.IndexOf("./auditinfra ", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var words = new List<string>();
            foreach (Match word in ShellWord().Matches(line[(at + "./auditinfra ".Length)..]))
            {
                var text = word.Value;
                if (text is "|" or "||" or "&&" or ";" or ">" or ">>" or "2>" or "2>&1")
                {
                    break;
                }

                text = Variable().Replace(text.Trim('"', '\''), "VALUE");
                words.Add(text);
            }

            commands.Add([.. words]);
        }

        return commands;
    }

    [GeneratedRegex("""("[^"]*"|'[^']*'|\|\||\||&&|;|2>&1|2>|>>|>|[^\s|;&>]+)""")]
    private static partial Regex ShellWord();

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex Variable();
}

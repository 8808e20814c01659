using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Settings;
using AuditInfra.Policy.Tests.Support;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// What the gate cannot see, it does not pass: a program outside Pulumi.yaml, values only the engine knows,
/// production under another name, a stack file the change deletes, ESC environments, previews of another project.
/// </summary>
public sealed class FailClosedTests
{
    private const string Program = "Pulumi.yaml";
    private const string Prod = "Pulumi.prod.yaml";

    [Fact]
    public async Task Program_in_Main_yaml_is_the_one_checked_with_its_file_and_line()
    {
        using var copy = ProjectCopy.Committed();
        var text = File.ReadAllText(copy.File(Program));
        var cut = text.IndexOf("\nresources:", StringComparison.Ordinal);
        // The program moves to Main.yaml and loses its protection; Pulumi.yaml keeps only the project part.
        copy.Write("Main.yaml", text[(cut + 1)..].Replace("    options:\n      protect: true\n", "", StringComparison.Ordinal));
        copy.Write(Program, text[..cut] + "\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "prod");
        Assert.Equal(1, run.Exit);
        Assert.Matches(@"DENY\s+AUDIT014 prod\s+[^ ]*Main\.yaml:\d+:\d+", run.Output);
        Assert.Matches("note: the program is [^ ]*Main.yaml", run.Output);
    }

    [Fact]
    public void Main_json_wins_over_Main_yaml_and_Pulumi_yaml_resources_are_noted_as_not_run()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("Main.yaml", "resources: {}\n");
        copy.Write("Main.json", """{"resources": {"b": {"type": "auditinfra:index:ObjectLockBucket", "properties": {"bucketName": "x", "retention": {"mode": "GOVERNANCE", "days": 1}}, "options": {"protect": true}}}}""");
        var report = Checks.Run(copy.Path, "prod");
        Assert.Contains(report.Findings, f => f.Rule.Id == "AUDIT002" && f.Violation.Location.File.EndsWith("Main.json", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("Main.json (Pulumi runs Main.json, else Main.yaml, else Pulumi.yaml); the resources, outputs in", StringComparison.Ordinal) && n.Contains("Pulumi.yaml are not run by Pulumi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Main_naming_a_file_or_a_missing_folder_is_an_input_error()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write(Program, File.ReadAllText(copy.File(Program)).Replace("runtime: yaml\n", "runtime: yaml\nmain: infra/\n", StringComparison.Ordinal));
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path);
        Assert.Equal(2, run.Exit);
        Assert.Contains("main: 'infra/' does not exist", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prod", "prod", false)]
    [InlineData("production", "prod", true)]
    [InlineData("prd", "prod", true)]
    [InlineData("live", "prod", true)]
    [InlineData("prod-eu", "prod", true)]
    [InlineData("dev-prod", "prod", true)]
    [InlineData("team42", "prod", true)]
    [InlineData("", "prod", true)]
    [InlineData("dev", "dev", false)]
    [InlineData("dev-eu", "dev", false)]
    [InlineData("staging", "staging", false)]
    [InlineData("Test_2", "test", false)]
    public void Environment_is_production_unless_known_otherwise(string stack, string environment, bool assumed)
    {
        var (resolved, assumption) = PolicySettings.Defaults.ResolveEnvironment(stack);
        Assert.Equal((environment, assumed), (resolved, assumption is not null));
    }

    [Fact]
    public void A_mapping_in_policy_yaml_decides_and_a_production_name_there_means_prod()
    {
        var settings = PolicySettings.Defaults with { StackEnvironments = new Dictionary<string, string> { ["team42"] = "qa", ["eu"] = "Production" } };
        Assert.Equal(("qa", (string?)null), settings.ResolveEnvironment("team42"));
        Assert.Equal(("prod", (string?)null), settings.ResolveEnvironment("eu"));
    }

    [Fact]
    public async Task Production_under_another_name_gets_the_prod_rules_and_the_report_says_how_to_map_it()
    {
        using var copy = ProjectCopy.Committed();
        File.Move(copy.File("Pulumi.dev.yaml"), copy.File("Pulumi.live.yaml"));
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "live");
        Assert.Equal(1, run.Exit);
        Assert.Contains("Pulumi.live.yaml) as prod", run.Output, StringComparison.Ordinal);
        Assert.Contains("DENY       AUDIT002 live", run.Output, StringComparison.Ordinal);
        Assert.Contains("environments: {live: <environment>}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_from_another_resource_is_denied_in_prod_and_warned_in_dev()
    {
        using var copy = ProjectCopy.Committed();
        copy.Set(Program, "resources/auditPipeline/properties/retention/mode", "${auditedCluster.tier}");
        var report = Checks.Run(copy.Path);
        var prod = Assert.Single(report.Findings, f => f.Rule.Id == "AUDIT015" && f.Stack == "prod");
        Assert.True(prod.Denies);
        Assert.Contains("retention.mode is not known before deploy: it is the output tier of resource auditedCluster", prod.Violation.Message, StringComparison.Ordinal);
        var dev = Assert.Single(report.Findings, f => f.Rule.Id == "AUDIT015" && f.Stack == "dev");
        Assert.Equal(Rules.Severity.Warn, dev.Severity);
        Assert.False(dev.Denies);
    }

    [Theory]
    [InlineData("resources/auditPipeline/properties/retention/days", "{fn::invoke: {function: random:index:getInteger, return: result}}", "retention.days")]
    [InlineData("resources/auditPipeline/options/protect", "${auditedCluster.protected}", "options.protect")]
    [InlineData("resources/auditPipeline/properties/retention", "${auditedCluster.retention}", "retention")]
    public void Every_value_a_deny_rule_needs_is_named_when_unknown(string path, string yaml, string property)
    {
        using var copy = ProjectCopy.Committed();
        copy.Set(Program, path, yaml);
        var report = Checks.Run(copy.Path, "prod");
        Assert.Contains(report.Findings, f => f.Rule.Id == "AUDIT015" && f.Denies && f.Violation.Message.Contains($" {property} is not known before deploy", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_retention_in_a_preview_is_denied_in_prod()
    {
        using var copy = ProjectCopy.Committed();
        var preview = PreviewFixture.Load("prod").Change("auditPipeline-bucket", s => s["newState"]!["inputs"]!["retention"]!["days"] = Values.EngineSentinels.Unknown).WriteTo(copy.Path);
        var report = Checks.Run(copy.Path, "prod", previews: preview);
        Assert.Contains(report.Findings, f => f.Rule.Id == "AUDIT015" && f.Denies && f.Source == Model.ViewSource.Preview && f.Violation.Message.Contains("retention.days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyzer_denies_an_unknown_retention_in_prod_warns_in_dev_and_treats_an_unnamed_stack_as_prod()
    {
        using var pack = new TempDirectory("pack");
        var bucket = new AnalyzeRequest
        {
            Type = "auditinfra:index:ObjectLockBucket",
            Urn = "urn:pulumi:prod::audit-logs::auditinfra:index:ObjectLockBucket::logs",
            Name = "logs",
            Properties = Struct.Parser.ParseJson("{\"bucketName\": \"b\", \"retention\": {\"mode\": \"COMPLIANCE\", \"days\": \"" + Values.EngineSentinels.Unknown + "\"}}"),
            Options = new AnalyzerResourceOptions { Protect = true },
        };
        foreach (var (stack, level) in new[] { ("prod", EnforcementLevel.Mandatory), ("dev", EnforcementLevel.Advisory), ("", EnforcementLevel.Mandatory) })
        {
            await using var analyzer = await AnalyzerProcess.StartAsync(pack.Path, stack);
            var (status, response) = await analyzer.CallAsync("Analyze", bucket, AnalyzeResponse.Parser);
            Assert.Equal(0, status);
            var diagnostic = Assert.Single(response!.Diagnostics);
            Assert.Equal(("values-known-before-deploy", level), (diagnostic.PolicyName, diagnostic.EnforcementLevel));
            Assert.Contains("retention.days", diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_deleted_production_stack_file_is_denied_and_a_deleted_dev_one_warned()
    {
        using var copy = ProjectCopy.Committed();
        var head = Directory.CreateDirectory(Path.Combine(copy.Path, "head")).FullName;
        File.Copy(copy.File(Program), Path.Combine(head, Program));
        var run = await CliRunner.RunAsync("policy", "check", "--project", head, "--base", copy.Path, "--format", "json");
        Assert.Equal(1, run.Exit);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var removed = json.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "AUDIT016")
            .Select(f => (f.GetProperty("stack").GetString(), f.GetProperty("severity").GetString())).Order().ToList();
        Assert.Equal([("dev", "warn"), ("prod", "deny")], removed);
    }

    [Fact]
    public void An_ESC_environment_is_noted_and_the_config_it_may_set_is_unknown()
    {
        using var copy = ProjectCopy.Committed();
        copy.Remove(Prod, "config/audit-logs:retentionDays").Set(Prod, "environment", "[acme/audit-prod]");
        var report = Checks.Run(copy.Path, "prod");
        Assert.Contains(report.Notes, n => n.Contains("imports the Pulumi ESC environment acme/audit-prod", StringComparison.Ordinal));
        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "AUDIT015");
        Assert.Contains("config 'retentionDays' is not in ", finding.Violation.Message, StringComparison.Ordinal);
        Assert.Contains("Pulumi.prod.yaml and may come from the Pulumi ESC environment acme/audit-prod", finding.Violation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Rule.Id is "AUDIT001" or "AUDIT004");
    }

    [Fact]
    public async Task A_preview_of_another_project_is_an_input_error()
    {
        using var copy = ProjectCopy.Committed();
        var preview = PreviewFixture.Load("prod");
        var text = preview.Document.ToJsonString().Replace("::audit-logs::", "::billing::", StringComparison.Ordinal);
        File.WriteAllText(copy.File("other.json"), text);
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--preview", copy.File("other.json"));
        Assert.Equal(2, run.Exit);
        Assert.Contains("this preview is of project 'billing', not 'audit-logs'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_mixing_stacks_is_an_input_error()
    {
        using var copy = ProjectCopy.Committed();
        var preview = PreviewFixture.Load("prod");
        var step = preview.Step("auditPipeline-bucket");
        step["urn"] = step["urn"]!.GetValue<string>().Replace("urn:pulumi:prod::", "urn:pulumi:dev::", StringComparison.Ordinal);
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--preview", preview.WriteTo(copy.Path));
        Assert.Equal(2, run.Exit);
        Assert.Contains("is of stack 'dev' in project 'audit-logs', but the preview began with stack 'prod'", run.Error, StringComparison.Ordinal);
    }
}

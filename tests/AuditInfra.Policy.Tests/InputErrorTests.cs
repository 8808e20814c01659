using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>Unreadable input gives exit 2 and one line naming the file and the problem, never a stack trace.</summary>
public sealed class InputErrorTests
{
    private static void AssertOneClearLine(CliRun run, params string[] expected)
    {
        Assert.Equal(2, run.Exit);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("auditinfra: ", line, StringComparison.Ordinal);
        foreach (var part in expected)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Malformed_stack_yaml_names_file_line_and_column()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("Pulumi.prod.yaml", "config:\n  audit-logs:region: us-ord\n  audit-logs:bucketName: [unclosed\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path);
        AssertOneClearLine(run, "Pulumi.prod.yaml:", "not valid YAML");
        Assert.Matches(@"Pulumi\.prod\.yaml:\d+:\d+: ", run.Error);
    }

    [Fact]
    public async Task Malformed_program_is_reported_with_its_line()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("Pulumi.yaml", "name: audit-logs\nruntime: yaml\nresources:\n  a:\n    type: x\n   bad indentation: here\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path);
        AssertOneClearLine(run, "Pulumi.yaml:6:", "not valid YAML");
    }

    [Fact]
    public async Task Duplicate_key_is_an_error_not_a_silent_override()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("Pulumi.prod.yaml", "config:\n  audit-logs:retentionDays: 400\n  audit-logs:retentionDays: 3\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path);
        AssertOneClearLine(run, "Pulumi.prod.yaml:3:", "duplicate key 'audit-logs:retentionDays'");
    }

    [Fact]
    public async Task Preview_that_is_not_json_names_the_file_and_position()
    {
        using var copy = ProjectCopy.Committed();
        var preview = copy.File("preview.json");
        File.WriteAllText(preview, "Previewing update (prod):\n  + pulumi:pulumi:Stack audit-logs-prod create\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--preview", preview);
        AssertOneClearLine(run, "preview.json:1:", "not valid JSON");
    }

    [Fact]
    public async Task Json_error_quoting_a_newline_is_still_one_line()
    {
        using var copy = ProjectCopy.Committed();
        var preview = copy.File("preview.json");
        File.WriteAllText(preview, "nope\n");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--preview", preview);
        AssertOneClearLine(run, "preview.json:1:", "not valid JSON");
        Assert.DoesNotContain("LineNumber", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_that_is_not_a_preview_is_refused()
    {
        using var copy = ProjectCopy.Committed();
        var preview = copy.File("preview.json");
        File.WriteAllText(preview, "{\"result\": \"succeeded\"}");
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--preview", preview);
        AssertOneClearLine(run, "preview.json", "no 'steps' array");
    }

    [Fact]
    public async Task Missing_preview_file_is_named()
    {
        using var copy = ProjectCopy.Committed();
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--preview", copy.File("nope.json"));
        AssertOneClearLine(run, "nope.json", "file not found");
    }

    [Fact]
    public async Task Preview_of_another_stack_is_refused()
    {
        using var copy = ProjectCopy.Committed();
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "dev", "--preview", PreviewFixture.Load("prod").WriteTo(copy.Path));
        AssertOneClearLine(run, "preview.json", "stack 'prod', not 'dev'");
    }

    [Fact]
    public async Task Unknown_stack_is_named()
    {
        using var copy = ProjectCopy.Committed();
        var run = await CliRunner.RunAsync("policy", "check", "--project", copy.Path, "--stack", "staging");
        AssertOneClearLine(run, "Pulumi.staging.yaml", "no stack file for stack 'staging'");
    }

    [Fact]
    public async Task Missing_project_file_is_named()
    {
        using var empty = new AuditInfra.TestSupport.TempDirectory("policy");
        var run = await CliRunner.RunAsync("policy", "check", "--project", empty.Path);
        AssertOneClearLine(run, "Pulumi.yaml", "file not found");
    }

    [Fact]
    public async Task Unknown_format_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync("policy", "check", "--format", "xml");
        AssertOneClearLine(run, "--format 'xml' is not one of text, json, sarif");
    }
}

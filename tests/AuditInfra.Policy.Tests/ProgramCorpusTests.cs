using AuditInfra.Policy.Evaluation;
using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// Pulumi YAML programs of our own (Fixtures/programs) shaped after what real programs use: fn:: intrinsics,
/// get:, resource options, stack references, typed and structured config, variables, Main.yaml, Main.json, a
/// main: folder, an ESC environment and secrets passed by reference. None holds a plaintext secret, so none may
/// crash, fail to read or be denied by AUDIT012.
/// </summary>
public sealed class ProgramCorpusTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "programs");

    public static TheoryData<string> Programs() => [.. Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_corpus_covers_what_real_programs_use()
    {
        var text = string.Join("\n", Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var feature in new[] { "fn::invoke", "fn::join", "fn::split", "fn::select", "fn::toJSON", "fn::toBase64", "fn::readFile", "fn::secret", "fn::stringAsset", "fn::fileAsset", "get:", "dependsOn", "parent:", "provider:", "pulumi:pulumi:StackReference", "type: integer", "type: object", "secret: true", "variables:", "environment:", "secretKeyRef", "secretName", "passwordSecretRef", "secure:" })
        {
            Assert.Contains(feature, text, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(Root, "main-yaml", "Main.yaml")));
        Assert.True(File.Exists(Path.Combine(Root, "main-json", "Main.json")));
        Assert.True(File.Exists(Path.Combine(Root, "main-folder", "infra", "Main.yaml")));
        Assert.True(Programs().Count >= 12);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Program_is_read_without_an_error_and_without_a_false_AUDIT012(string name)
    {
        var run = await CliRunner.RunAsync("policy", "check", "--project", Path.Combine(Root, name), "--format", "json");
        Assert.True(run.Exit is 0 or 1, $"exit {run.Exit}: {run.Error}");
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var secrets = json.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "AUDIT012").Select(f => f.GetProperty("message").GetString()).ToList();
        Assert.True(secrets.Count == 0, string.Join("\n", secrets));
    }

    [Fact]
    public void Main_folder_and_main_json_are_the_programs_read()
    {
        var folder = Checks.Run(Path.Combine(Root, "main-folder"));
        Assert.Contains(folder.Notes, n => n.Contains("main-folder/infra/Main.yaml (Pulumi runs", StringComparison.Ordinal));
        var json = new PolicyChecker().Check(new PolicyCheckRequest(Path.Combine(Root, "main-json"), Today: Checks.Today));
        Assert.Contains(json.Notes, n => n.Contains("the program is", StringComparison.Ordinal) && n.Contains("Main.json", StringComparison.Ordinal));
    }
}

using AuditInfra.Policy.Input;
using AuditInfra.Policy.Program;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Tests;

/// <summary>How ${...} in a Pulumi YAML program is resolved statically against a stack's config.</summary>
public sealed class InterpolationTests
{
    private static Interpolator For(string program, string stackConfig)
    {
        var projectDocument = YamlFileReader.ParseMapping(program, "Pulumi.yaml");
        using var directory = new AuditInfra.TestSupport.TempDirectory("interp");
        File.WriteAllText(Path.Combine(directory.Path, "Pulumi.yaml"), program);
        File.WriteAllText(Path.Combine(directory.Path, "Pulumi.test.yaml"), stackConfig);
        var files = ProjectLoader.Load(directory.Path, "test");
        Assert.NotNull(projectDocument);
        return new Interpolator(files.Project, files.Stacks[0]);
    }

    private const string Program = """
        name: demo
        runtime: yaml
        config:
          days:
            type: integer
            default: 30
          mode:
            type: string
        variables:
          label: audit-${pulumi.stack}-${mode}
        resources:
          bucket:
            type: auditinfra:ObjectLockBucket
        """;

    [Fact]
    public void Stack_value_wins_over_default_and_keeps_its_line()
    {
        var interpolator = For(Program, "config:\n  demo:mode: COMPLIANCE\n  demo:days: 400\n");
        var days = interpolator.Resolve(new ScalarValue("${days}", null));
        Assert.Equal("400", days.Text);
        Assert.Equal(("Pulumi.test.yaml", 3), (days.Location!.File, days.Location.Line));
    }

    [Fact]
    public void Default_applies_when_the_stack_is_silent()
    {
        Assert.Equal("30", For(Program, "config:\n  demo:mode: X\n").Resolve(new ScalarValue("${days}", null)).Text);
    }

    [Fact]
    public void Variables_builtins_and_mixed_strings_resolve()
    {
        var interpolator = For(Program, "config:\n  demo:mode: COMPLIANCE\n");
        Assert.Equal("audit-test-COMPLIANCE", interpolator.Resolve(new ScalarValue("${label}", null)).Text);
        Assert.Equal("demo/test", interpolator.Resolve(new ScalarValue("${pulumi.project}/${pulumi.stack}", null)).Text);
        Assert.Equal("${literal}", interpolator.Resolve(new ScalarValue("$${literal}", null)).Text);
    }

    [Fact]
    public void Resource_outputs_stay_references_and_secrets_stay_secret()
    {
        var interpolator = For(Program, "config:\n  demo:mode:\n    secure: v1:abc\n");
        Assert.Equal(new ReferenceValue("bucket", "hostname", null), interpolator.Resolve(new ScalarValue("${bucket.hostname}", null)));
        Assert.IsType<SecretValue>(interpolator.Resolve(new ScalarValue("${mode}", null)));
        Assert.IsType<SecretValue>(interpolator.Resolve(new ScalarValue("x-${mode}", null)));
        Assert.IsType<UnknownValue>(interpolator.Resolve(new ScalarValue("https://${bucket.hostname}/", null)));
        Assert.IsType<UnknownValue>(interpolator.Resolve(new ScalarValue("${nothing}", null)));
    }
}

using AuditInfra.Policy.Model;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Rules;

public sealed class NoPlaintextSecretsRule : IPolicyRule
{
    public RuleInfo Info { get; } = new(
        "AUDIT012",
        "no-plaintext-secrets",
        "No secret in plain text in any stack file",
        Severity.Deny,
        ["*"],
        "Stack files are committed: a token, key or password written in plain text is in every clone, fork and CI log " +
        "for ever, and the Linode token controls the whole account (checkov CKV_LIN_1). Pulumi encrypts values set with " +
        "`pulumi config set --secret` into `secure:` entries.",
        "Remove the value, rotate the credential, and set it again with `pulumi config set --secret <key>`; in Pulumi.yaml " +
        "refer to secret config (${name}) instead of writing a literal.");

    public IEnumerable<Violation> Evaluate(RuleContext context)
    {
        var view = context.View;
        if (view.Source != ViewSource.Program || view.Files is null)
        {
            yield break;
        }

        var project = view.Files.Project;
        if (view.StackFile is { } stack)
        {
            foreach (var (key, value) in stack.Config)
            {
                var declaredSecret = key.StartsWith(project.Name + ":", StringComparison.Ordinal) &&
                    project.Config.TryGetValue(key[(project.Name.Length + 1)..], out var declaration) && declaration.Secret;
                foreach (var found in SecretNames.Plaintext(key, value, declaredSecret))
                {
                    yield return new Violation($"{stack.File}: {found.Path} is a secret written in plain text; it must be a secure: value", null, found.Value.Location!);
                }
            }
        }

        foreach (var declaration in project.Config.Values)
        {
            foreach (var found in declaration.Default is null ? [] : SecretNames.Plaintext(declaration.Name, declaration.Default, declaration.Secret))
            {
                yield return new Violation($"{declaration.Location.File}: config {found.Path} has a secret default in plain text", null, found.Value.Location!);
            }
        }

        foreach (var (name, value) in project.Variables)
        {
            foreach (var found in SecretNames.Plaintext(name, value, declaredSecret: false).Where(f => !IsExpression(f.Value)))
            {
                yield return new Violation($"{project.ProgramFile}: variable {found.Path} is a secret written in plain text; refer to secret config instead", null, found.Value.Location!);
            }
        }

        foreach (var resource in project.Resources)
        {
            foreach (var found in SecretNames.Plaintext(resource.Name, resource.Properties, declaredSecret: false).Where(f => !IsExpression(f.Value)))
            {
                yield return new Violation($"{project.ProgramFile}: {found.Path} is a secret written in plain text; refer to secret config instead", resource.Name, found.Value.Location!);
            }
        }
    }

    /// <summary>A <c>${...}</c> reference is not the secret itself: it names where the value comes from.</summary>
    private static bool IsExpression(ScalarValue value) => value.Raw.Contains("${", StringComparison.Ordinal);
}

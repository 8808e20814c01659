using System.Text.RegularExpressions;
using AuditInfra.Policy.Model;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Rules;

public sealed partial class NoPlaintextSecretsRule : IPolicyRule
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
                foreach (var found in Plaintext(key, value, declaredSecret))
                {
                    yield return new Violation($"{stack.File}: {found.Path} is a secret written in plain text; it must be a secure: value", null, found.Value.Location!);
                }
            }
        }

        foreach (var declaration in project.Config.Values)
        {
            foreach (var found in declaration.Default is null ? [] : Plaintext(declaration.Name, declaration.Default, declaration.Secret))
            {
                yield return new Violation($"{project.File}: config {found.Path} has a secret default in plain text", null, found.Value.Location!);
            }
        }

        foreach (var resource in project.Resources)
        {
            foreach (var found in Plaintext(resource.Name, resource.Properties, declaredSecret: false).Where(f => !f.Value.Raw.Contains("${", StringComparison.Ordinal)))
            {
                yield return new Violation($"{project.File}: {found.Path} is a secret written in plain text; refer to secret config instead", resource.Name, found.Value.Location!);
            }
        }
    }

    private static IEnumerable<(string Path, ScalarValue Value)> Plaintext(string path, PolicyValue value, bool declaredSecret)
    {
        switch (value)
        {
            case ScalarValue scalar when (declaredSecret || SecretName().IsMatch(LastSegment(path))) && scalar.Raw.Length > 0 && scalar.Raw is not ("true" or "false"):
                yield return (path, scalar);
                break;
            case MapValue map:
                foreach (var found in map.Entries.SelectMany(e => Plaintext($"{path}.{e.Key}", e.Value, declaredSecret)))
                {
                    yield return found;
                }

                break;
            case ListValue list:
                foreach (var found in list.Values.SelectMany((v, i) => Plaintext($"{path}[{i}]", v, declaredSecret || SecretName().IsMatch(LastSegment(path)))))
                {
                    yield return found;
                }

                break;
        }
    }

    private static string LastSegment(string path)
    {
        var cut = path.LastIndexOfAny([':', '.']);
        return (cut >= 0 ? path[(cut + 1)..] : path).Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
    }

    [GeneratedRegex("token|secret|password|passwd|passphrase|privatekey|apikey|accesskey|credential|rootpass|kubeconfig", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}

using System.Text.RegularExpressions;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Rules;

/// <summary>
/// Which keys hold a secret by their name, for AUDIT012. A key is split into words (camelCase, snake_case,
/// kebab-case: <c>linodePAT</c> is linode + PAT); it holds a secret when one of its words is a secret word
/// (token, password, PAT, ...) at its end, or before a word for the value itself; a key whose last word describes
/// the secret (<c>secretName</c>, <c>passwordSecretRef</c>, <c>tokenSecretArn</c>, <c>passwordLength</c>) does not.
/// </summary>
public static partial class SecretNames
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "tokens", "secret", "secrets", "password", "passwords", "passwd", "pwd", "pass", "passphrase", "pat",
        "apikey", "credential", "credentials", "kubeconfig", "privatekey", "accesskey", "secretkey", "rootpass",
        "connectionstring", "bearer",
    };

    /// <summary>Words before a secret word that make the key point at a secret kept elsewhere.</summary>
    private static readonly HashSet<string> ReferencePrefixes = new(StringComparer.OrdinalIgnoreCase) { "existing", "from", "external", "use", "ref", "referenced" };

    /// <summary>Last words that name the value itself, after a secret word.</summary>
    private static readonly HashSet<string> ValueWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "value", "string", "data", "pem", "raw", "content", "contents", "text", "plain", "plaintext", "base64", "b64", "json", "literal",
    };

    /// <summary>Functions whose argument is the value itself (so a literal in them is still a literal in the file).</summary>
    private static readonly HashSet<string> TransparentFunctions = new(StringComparer.Ordinal)
    {
        "fn::secret", "fn::toBase64", "fn::fromBase64", "fn::toJSON", "fn::join", "fn::str",
    };

    /// <summary>
    /// True when a key named <paramref name="key"/> (the last segment of a path) holds a secret by its name: it ends
    /// in a secret word (<c>dbPassword</c>, <c>linodePAT</c>, <c>apiKey</c>), or it has one and ends in a word for
    /// the value itself (<c>secretString</c>, <c>tokenValue</c>, <c>privateKeyPem</c>). Any other last word
    /// (<c>secretName</c>, <c>passwordSecretRef</c>, <c>passwordLength</c>) describes the secret, not holds it.
    /// </summary>
    public static bool HoldsSecret(string key)
    {
        var words = Words(key);
        if (words.Count == 0)
        {
            return false;
        }

        if (words.Take(words.Count - 1).Any(ReferencePrefixes.Contains))
        {
            // existingSecret, envFromSecret, useExistingPassword: the value names a secret kept elsewhere.
            return false;
        }

        if (EndsWithSecretWord(words))
        {
            return true;
        }

        return words.Count > 1 && ValueWords.Contains(words[^1]) && EndsWithSecretWord(words[..^1]);
    }

    /// <summary>
    /// The plain-text scalars under <paramref name="value"/> that hold a secret: by their own key's name, or anywhere
    /// below a key declared secret. A list under a secret key holds secrets when its items are plain values.
    /// </summary>
    public static IEnumerable<(string Path, ScalarValue Value)> Plaintext(string path, PolicyValue value, bool declaredSecret)
    {
        var named = declaredSecret || HoldsSecret(LastSegment(path));
        switch (value)
        {
            case ScalarValue scalar when named && scalar.Raw.Length > 0 && scalar.Raw is not ("true" or "false") && !IsFilePath(path, scalar.Raw) &&
                (declaredSecret || !IsNumber(scalar.Raw) || EndsWithSecretWord(Words(LastSegment(path)))):
                yield return (path, scalar);
                break;
            case MapValue map:
                foreach (var (key, entry) in map.Entries)
                {
                    // A transparent function keeps the name of the key it is under: password: {fn::secret: hunter2}.
                    var inherits = TransparentFunctions.Contains(key) && named;
                    foreach (var found in Plaintext($"{path}.{key}", entry, declaredSecret || inherits))
                    {
                        yield return found;
                    }
                }

                break;
            case ListValue list:
                foreach (var found in list.Values.SelectMany((v, i) => Plaintext($"{path}[{i}]", v, declaredSecret || (named && v is ScalarValue or ListValue))))
                {
                    yield return found;
                }

                break;
        }
    }

    /// <summary>A number under <c>passwordReuse</c> is a setting; under <c>pin</c>-like secret words it is the secret.</summary>
    private static bool IsNumber(string text) => text.All(c => char.IsAsciiDigit(c) || c is '.' or '-');

    private static bool EndsWithSecretWord(List<string> words) =>
        words.Count > 0 && (SecretWords.Contains(words[^1]) || (words.Count > 1 && SecretWords.Contains(words[^2] + words[^1])));

    /// <summary>A kubeconfig or credentials setting that points at a file names the secret's place, not the secret.</summary>
    private static bool IsFilePath(string path, string value)
    {
        var words = Words(LastSegment(path));
        return words.Count > 0 && words[^1] is "kubeconfig" or "credentials" &&
            (value.StartsWith('/') || value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("../", StringComparison.Ordinal)) &&
            !value.Contains('\n', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal);
    }

    private static string LastSegment(string path)
    {
        var end = path.EndsWith(']') ? path.LastIndexOf('[') : path.Length;
        var trimmed = end >= 0 ? path[..end] : path;
        var cut = trimmed.LastIndexOfAny([':', '.']);
        return cut >= 0 ? trimmed[(cut + 1)..] : trimmed;
    }

    private static List<string> Words(string key) => [.. WordPattern().Matches(key).Select(m => m.Value.ToLowerInvariant())];

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex WordPattern();
}

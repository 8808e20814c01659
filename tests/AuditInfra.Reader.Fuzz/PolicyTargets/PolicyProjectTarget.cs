using AuditInfra.Policy.Evaluation;
using AuditInfra.Policy.Input;

namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// A whole project through the policy check, as files: the input is split at NUL bytes into Pulumi.yaml,
/// Pulumi.prod.yaml, policy.yaml and (when there is a fourth part) the JSON of a preview, so the YAML reader, the
/// project and stack model, the settings reader, the preview's JSON reader and every rule see fuzzed input. The
/// check returns a report or throws one <see cref="PolicyInputException"/>; anything else is a bug.
/// </summary>
public static class PolicyProjectTarget
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("auditinfra-fuzz-policy-").FullName;
    private static readonly string[] Names = ["Pulumi.yaml", "Pulumi.prod.yaml", "policy.yaml", "preview.json"];
    private static readonly PolicyChecker Checker = new();

    static PolicyProjectTarget()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Folder, recursive: true);
    }

    public static void Run(byte[] input)
    {
        try
        {
            Check(input);
        }
        catch (PolicyInputException ex) when (!string.IsNullOrEmpty(ex.Message))
        {
        }
    }

    /// <summary>The check's report on the project the input holds.</summary>
    /// <exception cref="PolicyInputException">The project cannot be read.</exception>
    public static PolicyReport Check(byte[] input)
    {
        var parts = Split(input);
        for (var i = 0; i < Names.Length; i++)
        {
            var path = Path.Combine(Folder, Names[i]);
            if (i < parts.Count)
            {
                File.WriteAllBytes(path, parts[i]);
            }
            else
            {
                File.Delete(path);
            }
        }

        return Checker.Check(new PolicyCheckRequest(Folder, Previews: parts.Count > 3 ? [Path.Combine(Folder, Names[3])] : null, Today: new DateOnly(2026, 11, 29)));
    }

    private static List<byte[]> Split(byte[] input)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= input.Length && parts.Count < Names.Length; i++)
        {
            if (i == input.Length || input[i] == 0)
            {
                parts.Add(input[start..i]);
                start = i + 1;
            }
        }

        return parts;
    }
}

using System.Text;
using AuditInfra.Policy.Input;

namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// One text through the policy check's YAML reader (YamlFileReader: stack files, Pulumi.&lt;env&gt;.yaml, policy.yaml,
/// Main.yaml) under tight limits: it returns a mapping or throws one <see cref="PolicyInputException"/>; any other
/// exception (YamlDotNet's own included) is a bug, since the check would end in a stack trace.
/// </summary>
public static class PolicyYamlTarget
{
    private static readonly InputLimits Limits = new(MaxYamlBytes: 1 << 20, MaxYamlDepth: 16, MaxJsonBytes: 1 << 20, MaxJsonDepth: 16);

    public static void Run(byte[] input)
    {
        try
        {
            YamlFileReader.ParseMapping(Encoding.UTF8.GetString(input), "fuzz.yaml", Limits);
        }
        catch (PolicyInputException ex) when (!string.IsNullOrEmpty(ex.Message))
        {
        }
    }
}

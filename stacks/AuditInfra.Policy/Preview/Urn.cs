using AuditInfra.Policy.Input;

namespace AuditInfra.Policy.Preview;

/// <summary>A Pulumi URN: <c>urn:pulumi:&lt;stack&gt;::&lt;project&gt;::&lt;parent types$type&gt;::&lt;name&gt;</c>.</summary>
public sealed record Urn(string Stack, string Project, string Type, string Name)
{
    public static Urn Parse(string urn, string display)
    {
        var parts = urn.Split("::");
        if (parts.Length < 4 || !parts[0].StartsWith("urn:pulumi:", StringComparison.Ordinal))
        {
            throw new PolicyInputException(display, $"'{urn}' is not a Pulumi URN");
        }

        var qualifiedType = parts[2];
        var type = qualifiedType[(qualifiedType.LastIndexOf('$') + 1)..];
        return new Urn(parts[0]["urn:pulumi:".Length..], parts[1], type, string.Join("::", parts[3..]));
    }
}

using System.Globalization;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>
/// Errors about inputs reach the user's terminal and CI logs, so no secret value may appear in them: every text
/// (string, or number in the forms messages print) found inside a secret input is replaced by "[secret]".
/// The binder already describes secret values by kind only; this catches what resources write into their own reasons.
/// </summary>
internal static class SecretRedaction
{
    public const string Mask = "[secret]";

    /// <summary><paramref name="text"/> with the plain forms of every secret value in <paramref name="inputs"/> masked.</summary>
    public static string Scrub(string text, ObjectProperty inputs)
    {
        var secrets = new List<string>();
        Collect(inputs, inSecret: false, secrets);
        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static void Collect(PropertyValue value, bool inSecret, List<string> secrets)
    {
        switch (value)
        {
            case SecretProperty secret:
                Collect(secret.Value, inSecret: true, secrets);
                break;
            case OutputProperty { Value: { } inner } output:
                Collect(inner, inSecret || output.IsSecret, secrets);
                break;
            case StringProperty s when inSecret:
                secrets.Add(s.Value);
                break;
            case NumberProperty n when inSecret:
                secrets.Add(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case ArrayProperty array:
                foreach (var item in array.Items)
                {
                    Collect(item, inSecret, secrets);
                }

                break;
            case ObjectProperty obj:
                foreach (var field in obj.Fields.Values)
                {
                    Collect(field, inSecret, secrets);
                }

                break;
        }
    }
}

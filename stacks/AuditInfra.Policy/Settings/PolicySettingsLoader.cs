using System.Globalization;
using AuditInfra.Policy.Input;
using AuditInfra.Policy.Rules;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Settings;

/// <summary>
/// Reads policy.yaml (next to Pulumi.yaml unless given). A missing file means the defaults; a malformed one is
/// an input error, because a suppression that silently does not parse would hide or fail a check.
/// </summary>
public static class PolicySettingsLoader
{
    public const string DefaultFileName = "policy.yaml";

    public static PolicySettings Load(string path, string display, bool required)
    {
        if (!File.Exists(path))
        {
            return required ? throw new PolicyInputException(display, "file not found") : PolicySettings.Defaults;
        }

        var document = YamlFileReader.ReadMapping(path, display);
        foreach (var (key, value) in document.Entries)
        {
            if (key is not ("minimumRetentionDays" or "environments" or "suppressions"))
            {
                throw Error(display, value, $"unknown key '{key}' (expected minimumRetentionDays, environments, suppressions)");
            }
        }

        var minimums = new Dictionary<string, int>(PolicySettings.Defaults.MinimumRetentionDays, StringComparer.Ordinal);
        foreach (var (environment, value) in Entries(document.At("minimumRetentionDays"), display, "minimumRetentionDays"))
        {
            minimums[environment] = value.Text is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0
                ? days
                : throw Error(display, value, $"minimumRetentionDays.{environment} must be a positive whole number of days");
        }

        var environments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stack, value) in Entries(document.At("environments"), display, "environments"))
        {
            environments[stack] = value.Text ?? throw Error(display, value, $"environments.{stack} must name an environment");
        }

        var suppressions = document.At("suppressions") switch
        {
            null or NullValue => [],
            ListValue list => list.Values.Select(v => ReadSuppression(v, display)).ToList(),
            var other => throw Error(display, other, "'suppressions' must be a list"),
        };
        return new PolicySettings(minimums, environments, suppressions, display);
    }

    private static Suppression ReadSuppression(PolicyValue value, string display)
    {
        if (value is not MapValue map)
        {
            throw Error(display, value, "each suppression must be a mapping with rule, reason and expires");
        }

        var rule = map.At("rule")?.Text ?? throw Error(display, value, "a suppression needs 'rule' (a rule id such as AUDIT003)");
        if (RuleCatalog.All.All(r => r.Info.Id != rule))
        {
            throw Error(display, map.At("rule")!, $"no rule with id '{rule}' (see 'auditinfra policy rules')");
        }

        var reason = map.At("reason")?.Text;
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Error(display, value, $"the suppression of {rule} needs a 'reason'");
        }

        DateOnly? expires = null;
        if (map.At("expires") is { } expiresValue and not NullValue)
        {
            expires = expiresValue.Text is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Error(display, expiresValue, $"'expires' must be a date like 2027-01-31, got '{expiresValue.Text}'");
        }

        return new Suppression(rule, map.At("stack")?.Text, map.At("resource")?.Text, reason, expires, value.Location ?? new SourceLocation(display, 0, 0));
    }

    private static IReadOnlyDictionary<string, PolicyValue> Entries(PolicyValue? value, string display, string what) => value switch
    {
        null or NullValue => new Dictionary<string, PolicyValue>(),
        MapValue map => map.Entries,
        _ => throw Error(display, value, $"'{what}' must be a mapping"),
    };

    private static PolicyInputException Error(string display, PolicyValue at, string problem) =>
        new(display, problem, at.Location?.Line ?? 0, at.Location?.Column ?? 0);
}

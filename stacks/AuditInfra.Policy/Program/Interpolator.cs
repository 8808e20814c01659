using System.Text;
using System.Text.RegularExpressions;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>
/// Substitutes Pulumi YAML's <c>${...}</c> expressions statically: config values from the stack file (or the
/// defaults in Pulumi.yaml), variables, <c>pulumi.stack</c>/<c>pulumi.project</c>. An expression naming a
/// resource stays a <see cref="ReferenceValue"/>; <c>fn::</c> calls become <see cref="UnknownValue"/>.
/// A substituted config value keeps the location of the stack-file line it came from.
/// </summary>
public sealed partial class Interpolator
{
    private readonly PulumiProject _project;
    private readonly StackFile? _stack;
    private readonly HashSet<string> _resolvingVariables = new(StringComparer.Ordinal);

    public Interpolator(PulumiProject project, StackFile? stack)
    {
        _project = project;
        _stack = stack;
    }

    public PolicyValue Resolve(PolicyValue value) => value switch
    {
        ScalarValue scalar => ResolveScalar(scalar),
        ListValue list => list with { Values = list.Values.Select(Resolve).ToList() },
        MapValue map when map.Entries.Keys.Any(k => k.StartsWith("fn::", StringComparison.Ordinal)) =>
            new UnknownValue($"{map.Entries.Keys.First()} is evaluated by Pulumi", map.Location),
        MapValue map => map with { Entries = map.Entries.ToDictionary(e => e.Key, e => Resolve(e.Value), StringComparer.Ordinal) },
        _ => value,
    };

    public MapValue ResolveMap(MapValue map) => (MapValue)Resolve(map);

    /// <summary>
    /// The config value for a project key, from the stack file or the project default; null when unset. When the
    /// stack imports Pulumi ESC environments, a key the stack file does not set may come from them, so it is unknown.
    /// </summary>
    public PolicyValue? Config(string key)
    {
        if (_stack is not null)
        {
            foreach (var candidate in new[] { $"{_project.Name}:{key}", key })
            {
                if (_stack.Config.TryGetValue(candidate, out var value))
                {
                    return value;
                }
            }

            if (_stack.EscEnvironments.Count > 0)
            {
                return new UnknownValue(
                    $"config '{key}' is not in {_stack.File} and may come from the Pulumi ESC environment {string.Join(", ", _stack.EscEnvironments)}, which a static check cannot read",
                    _stack.Document.At("environment")?.Location);
            }
        }

        return _project.Config.TryGetValue(key, out var declaration) ? declaration.Default : null;
    }

    private PolicyValue ResolveScalar(ScalarValue scalar)
    {
        var text = scalar.Raw;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return scalar;
        }

        var matches = Expression().Matches(text);
        if (matches.Count == 1 && matches[0].Index == 0 && matches[0].Length == text.Length)
        {
            return ResolveExpression(matches[0].Groups[1].Value, scalar.Location);
        }

        // Interpolation inside a longer string: known only if every part is a known scalar.
        var builder = new StringBuilder();
        var last = 0;
        foreach (Match match in matches)
        {
            builder.Append(text, last, match.Index - last);
            switch (ResolveExpression(match.Groups[1].Value, scalar.Location))
            {
                case ScalarValue part:
                    builder.Append(part.Raw);
                    break;
                case SecretValue:
                    return new SecretValue(scalar.Location);
                default:
                    return new UnknownValue($"'{text}' depends on a value Pulumi computes", scalar.Location);
            }

            last = match.Index + match.Length;
        }

        builder.Append(text, last, text.Length - last);
        return new ScalarValue(builder.ToString().Replace("$${", "${", StringComparison.Ordinal), scalar.Location);
    }

    private PolicyValue ResolveExpression(string expression, SourceLocation? at)
    {
        var root = RootName().Match(expression).Value;
        var rest = expression[root.Length..].TrimStart('.');
        if (root == "pulumi")
        {
            return rest switch
            {
                "stack" when _stack is not null => new ScalarValue(_stack.Name, at),
                "project" => new ScalarValue(_project.Name, at),
                _ => new UnknownValue($"${{{expression}}} is known only to Pulumi", at),
            };
        }

        if (_project.Variables.TryGetValue(root, out var variable))
        {
            if (!_resolvingVariables.Add(root))
            {
                return new UnknownValue($"variable '{root}' refers to itself", at);
            }

            try
            {
                var resolved = Resolve(variable);
                return Navigate(resolved, rest) ?? new UnknownValue($"${{{expression}}} is not in variable '{root}'", at);
            }
            finally
            {
                _resolvingVariables.Remove(root);
            }
        }

        if (_project.FindResource(root) is not null)
        {
            return new ReferenceValue(root, rest, at);
        }

        if (_project.Config.ContainsKey(root) || Config(root) is not null)
        {
            var value = Config(root);
            return value is null
                ? new NullValue(at)
                : Navigate(value, rest) ?? new UnknownValue($"${{{expression}}} is not in config '{root}'", at);
        }

        return new UnknownValue($"${{{expression}}} names no config key, variable or resource", at);
    }

    /// <summary>
    /// Follows the rest of an expression (<c>a.b</c>, <c>[0]</c>, <c>["key"]</c>) into a known value; null when a step
    /// is missing. Through an unknown, secret or reference the result stays unknown: only the engine can look inside.
    /// </summary>
    private static PolicyValue? Navigate(PolicyValue value, string rest)
    {
        var current = value;
        foreach (Match step in PathStep().Matches(rest))
        {
            if (current is UnknownValue or SecretValue or ReferenceValue)
            {
                return current is SecretValue ? current : new UnknownValue($"a part of {Describe(current)} only Pulumi can look inside", current.Location);
            }

            var key = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Success ? step.Groups["quoted"].Value : null;
            current = key is not null
                ? current is MapValue map && map.Entries.TryGetValue(key, out var next) ? next : null
                : current is ListValue list && int.TryParse(step.Groups["index"].Value, out var index) && index < list.Values.Count ? list.Values[index] : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static string Describe(PolicyValue value) => value switch
    {
        UnknownValue unknown => unknown.Why,
        ReferenceValue reference => $"${{{reference.Resource}}}",
        _ => "a value",
    };

    [GeneratedRegex(@"\.?(?:(?<name>[^.\[\]]+)|\[""(?<quoted>[^""]*)""\]|\[(?<index>\d+)\])")]
    private static partial Regex PathStep();

    [GeneratedRegex(@"(?<!\$)\$\{([^}]+)\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^[^.\[]+")]
    private static partial Regex RootName();
}

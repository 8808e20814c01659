using System.Globalization;

namespace AuditInfra.Policy.Values;

/// <summary>
/// A property value as the rules see it, whether it came from a Pulumi YAML program (config already
/// substituted) or from the inputs in a preview. Secrets and values only the engine knows stay opaque.
/// </summary>
public abstract record PolicyValue(SourceLocation? Location)
{
    /// <summary>The value at a dotted path of map keys (<c>controlPlane.auditLogsEnabled</c>), or null.</summary>
    public PolicyValue? At(string path)
    {
        PolicyValue? current = this;
        foreach (var segment in path.Split('.'))
        {
            current = current is MapValue map && map.Entries.TryGetValue(segment, out var next) ? next : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The text of a known scalar, or null for anything else.</summary>
    public string? Text => this is ScalarValue scalar ? scalar.Raw : null;

    public bool? AsBool => Text is { } text && bool.TryParse(text, out var b) ? b : null;

    public double? AsNumber =>
        Text is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Items of a list; a single non-list value counts as one item; nothing for null.</summary>
    public IReadOnlyList<PolicyValue> Items => this switch
    {
        ListValue list => list.Values,
        NullValue => [],
        _ => [this],
    };

    /// <summary>True for values that are not known before the engine runs (outputs of other resources).</summary>
    public bool IsUnknown => this is UnknownValue or ReferenceValue;

    /// <summary>
    /// True when a static check cannot see the value: computed by the engine, another resource's output, or a
    /// secret. Where a rule needs the value itself (a mode, a number of days), such a value is not evidence.
    /// </summary>
    public static bool IsUnseen(PolicyValue? value) => value is UnknownValue or ReferenceValue or SecretValue;

    /// <summary>What kind of value this is, for messages: "a mapping", "a list", "a secret", "'text'".</summary>
    public static string Shape(PolicyValue value) => value switch
    {
        MapValue => "a mapping",
        ListValue => "a list",
        SecretValue => "a secret",
        NullValue => "empty",
        UnknownValue => "not known before deploy",
        ReferenceValue => "another resource's output",
        ScalarValue scalar => $"'{scalar.Raw}'",
        _ => "a value",
    };
}

/// <summary>A known string, number or boolean, kept as text the way it was written.</summary>
public sealed record ScalarValue(string Raw, SourceLocation? Location) : PolicyValue(Location);

public sealed record NullValue(SourceLocation? Location) : PolicyValue(Location);

public sealed record ListValue(IReadOnlyList<PolicyValue> Values, SourceLocation? Location) : PolicyValue(Location);

public sealed record MapValue(IReadOnlyDictionary<string, PolicyValue> Entries, SourceLocation? Location) : PolicyValue(Location);

/// <summary>A value held encrypted (<c>secure:</c> in a stack file, <c>[secret]</c> in a preview).</summary>
public sealed record SecretValue(SourceLocation? Location) : PolicyValue(Location);

/// <summary>A value only the engine will know (the preview's unknown sentinel, a function call).</summary>
public sealed record UnknownValue(string Why, SourceLocation? Location) : PolicyValue(Location);

/// <summary>An output of another resource in the same program: <c>${resource.path}</c>.</summary>
public sealed record ReferenceValue(string Resource, string Path, SourceLocation? Location) : PolicyValue(Location);

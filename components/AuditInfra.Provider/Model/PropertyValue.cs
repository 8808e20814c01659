using System.Collections.Immutable;
using System.Text;

namespace AuditInfra.Provider.Model;

/// <summary>
/// A Pulumi property value as resources and components see it: JSON-like data plus the three things the engine
/// adds — secrets, values not known until an apply (preview), references to other resources — and output values
/// that carry the URNs they depend on. Protobuf never appears here; the adapter translates both ways.
/// </summary>
public abstract record PropertyValue
{
    public static readonly PropertyValue Null = new NullProperty();
    public static readonly PropertyValue Unknown = new UnknownProperty();

    public static PropertyValue Of(string value) => new StringProperty(value);

    public static PropertyValue Of(double value) => new NumberProperty(value);

    public static PropertyValue Of(bool value) => new BoolProperty(value);

    public static PropertyValue Secret(PropertyValue value) => value switch
    {
        SecretProperty => value,
        OutputProperty output => output with { IsSecret = true },
        _ => new SecretProperty(value),
    };

    /// <summary>True when no unknown sits anywhere inside.</summary>
    public abstract bool IsKnown { get; }

    /// <summary>True when a secret sits anywhere inside.</summary>
    public abstract bool ContainsSecret { get; }

    /// <summary>The value with secret and output wrappers removed at every level (unknowns stay).</summary>
    public abstract PropertyValue Plain();

    /// <summary>Applies <paramref name="map"/> to the value inside secret/output wrappers, keeping the wrappers; unknowns stay unknown.</summary>
    public virtual PropertyValue Map(Func<PropertyValue, PropertyValue> map) => map(this);
}

public sealed record NullProperty : PropertyValue
{
    public override bool IsKnown => true;

    public override bool ContainsSecret => false;

    public override PropertyValue Plain() => this;
}

public sealed record UnknownProperty : PropertyValue
{
    public override bool IsKnown => false;

    public override bool ContainsSecret => false;

    public override PropertyValue Plain() => this;

    public override PropertyValue Map(Func<PropertyValue, PropertyValue> map) => this;
}

public sealed record BoolProperty(bool Value) : PropertyValue
{
    public override bool IsKnown => true;

    public override bool ContainsSecret => false;

    public override PropertyValue Plain() => this;
}

public sealed record NumberProperty(double Value) : PropertyValue
{
    public override bool IsKnown => true;

    public override bool ContainsSecret => false;

    public override PropertyValue Plain() => this;
}

/// <summary>
/// A string. One that arrived from the engine keeps the UTF-8 bytes it came in (checked to be valid UTF-8 by the
/// decoder) and becomes a .NET string only when <see cref="Value"/> is first read, so a large value that no resource
/// reads is neither copied nor widened to UTF-16 (two bytes per ASCII character); sent back, its bytes go out as they came.
/// </summary>
public sealed record StringProperty : PropertyValue
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly bool _hasUtf8;
    private string? _value;

    public StringProperty(string value)
    {
        _value = value;
    }

    private StringProperty(ReadOnlyMemory<byte> utf8)
    {
        _utf8 = utf8;
        _hasUtf8 = true;
    }

    /// <summary>The string, decoded from its UTF-8 bytes on first read and kept.</summary>
    public string Value => _value ??= Encoding.UTF8.GetString(_utf8.Span);

    /// <summary>The UTF-8 bytes: the ones it arrived as (no copy), or the encoding of a string built here.</summary>
    public ReadOnlyMemory<byte> Utf8 => _hasUtf8 ? _utf8 : Encoding.UTF8.GetBytes(_value!);

    public override bool IsKnown => true;

    public override bool ContainsSecret => false;

    /// <summary>A string over <paramref name="utf8"/>, shared, not copied; the caller has checked it is valid UTF-8.</summary>
    public static StringProperty FromValidUtf8(ReadOnlyMemory<byte> utf8) => new(utf8);

    public override PropertyValue Plain() => this;

    /// <summary>At most the first <paramref name="maxChars"/> characters, decoding no more than those need.</summary>
    public string Prefix(int maxChars)
    {
        // maxChars * 4 bytes hold at least maxChars whole characters; a sequence cut at the end decodes past them.
        var head = _value ?? Encoding.UTF8.GetString(_utf8.Span[..Math.Min(_utf8.Length, maxChars * 4)]);
        return head.Length > maxChars ? head[..maxChars] : head;
    }

    /// <summary>Ordinal equality; two strings that both arrived as UTF-8 compare their bytes without decoding.</summary>
    public bool Equals(StringProperty? other) =>
        other is not null && (_hasUtf8 && other._hasUtf8 ? _utf8.Span.SequenceEqual(other._utf8.Span) : string.Equals(Value, other.Value, StringComparison.Ordinal));

    /// <summary>The UTF-8 length: equal strings have equal UTF-8 bytes, so this agrees with <see cref="Equals(StringProperty?)"/> without decoding.</summary>
    public override int GetHashCode() => _hasUtf8 ? _utf8.Length : Encoding.UTF8.GetByteCount(_value!);

    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Value = ").Append(Prefix(80));
        return true;
    }
}

public sealed record ArrayProperty(ImmutableArray<PropertyValue> Items) : PropertyValue
{
    public override bool IsKnown => Items.All(i => i.IsKnown);

    public override bool ContainsSecret => Items.Any(i => i.ContainsSecret);

    public override PropertyValue Plain() => new ArrayProperty(Items.Select(i => i.Plain()).ToImmutableArray());

    public bool Equals(ArrayProperty? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

public sealed record ObjectProperty(ImmutableSortedDictionary<string, PropertyValue> Fields) : PropertyValue
{
    public static readonly ObjectProperty Empty = new(ImmutableSortedDictionary<string, PropertyValue>.Empty.WithComparers(StringComparer.Ordinal));

    public override bool IsKnown => Fields.Values.All(v => v.IsKnown);

    public override bool ContainsSecret => Fields.Values.Any(v => v.ContainsSecret);

    public PropertyValue? this[string name] => Fields.TryGetValue(name, out var value) ? value : null;

    public static ObjectProperty From(IEnumerable<KeyValuePair<string, PropertyValue>> fields) =>
        new(fields.ToImmutableSortedDictionary(StringComparer.Ordinal));

    public ObjectProperty With(string name, PropertyValue value) => new(Fields.SetItem(name, value));

    public override PropertyValue Plain() => new ObjectProperty(Fields.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Plain(), StringComparer.Ordinal));

    public bool Equals(ObjectProperty? other) =>
        other is not null && Fields.Count == other.Fields.Count &&
        Fields.All(kv => other.Fields.TryGetValue(kv.Key, out var value) && kv.Value.Equals(value));

    public override int GetHashCode() => Fields.Count;
}

public sealed record SecretProperty(PropertyValue Value) : PropertyValue
{
    public override bool IsKnown => Value.IsKnown;

    public override bool ContainsSecret => true;

    public override PropertyValue Plain() => Value.Plain();

    public override PropertyValue Map(Func<PropertyValue, PropertyValue> map) => Secret(Value.Map(map));
}

/// <summary>A reference to another resource: its URN, and its id for a custom resource (empty when unknown).</summary>
public sealed record ResourceReferenceProperty(string Urn, string? Id, string PackageVersion) : PropertyValue
{
    public override bool IsKnown => Id is not "";

    public override bool ContainsSecret => false;

    public override PropertyValue Plain() => this;
}

/// <summary>An output value: <see cref="Value"/> null means unknown; <see cref="Dependencies"/> are the URNs it came from.</summary>
public sealed record OutputProperty(PropertyValue? Value, bool IsSecret, ImmutableArray<string> Dependencies) : PropertyValue
{
    public override bool IsKnown => Value is { IsKnown: true };

    public override bool ContainsSecret => IsSecret || Value is { ContainsSecret: true };

    public override PropertyValue Plain() => Value?.Plain() ?? Unknown;

    public override PropertyValue Map(Func<PropertyValue, PropertyValue> map) => this with { Value = Value?.Map(map) };

    public bool Equals(OutputProperty? other) =>
        other is not null && Equals(Value, other.Value) && IsSecret == other.IsSecret && Dependencies.SequenceEqual(other.Dependencies);

    public override int GetHashCode() => HashCode.Combine(Value, IsSecret);
}

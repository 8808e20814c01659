using System.Collections.Immutable;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Binding;

namespace AuditInfra.Provider.Protocol.Adapters;

/// <summary>Helpers shared by the adapters for shaping property maps.</summary>
internal static class PropertyMaps
{
    /// <summary>
    /// With acceptSecrets the engine no longer re-marks outputs as secret: every top-level value whose input arrived
    /// secret is wrapped again, so it is never stored in plain text (pitfall 8).
    /// </summary>
    public static ObjectProperty ResecretTopLevel(ObjectProperty map, IEnumerable<string> secretNames)
    {
        var result = map;
        foreach (var name in secretNames)
        {
            if (result[name] is { } value)
            {
                result = result.With(name, PropertyValue.Secret(value));
            }
        }

        return result;
    }

    /// <summary>Top-level names whose values hold a secret anywhere inside.</summary>
    public static IEnumerable<string> SecretNames(ObjectProperty map) =>
        map.Fields.Where(kv => kv.Value.ContainsSecret).Select(kv => kv.Key);

    /// <summary>Preview outputs: null members become unknown, the rest as written.</summary>
    public static ObjectProperty WithUnknowns(object state)
    {
        var written = PropertyWriter.Write(state);
        return PropertyWriter.NullMembers(state).Aggregate(written, (map, name) => map.With(name, PropertyValue.Unknown));
    }

    /// <summary>
    /// Preview outputs when some inputs are not known yet: every output takes its same-named input where there is
    /// one (known or not) and is unknown otherwise.
    /// </summary>
    public static ObjectProperty EchoInputs(Type stateType, ObjectProperty inputs) => ObjectProperty.From(
        RecordShape.For(stateType).Members.Select(m => KeyValuePair.Create(m.Name, inputs[m.Name] ?? PropertyValue.Unknown)));

    /// <summary>The URNs each top-level value depends on (output values carry them), for stateDependencies.</summary>
    public static ImmutableSortedDictionary<string, ImmutableArray<string>> Dependencies(ObjectProperty map) =>
        map.Fields
            .Select(kv => KeyValuePair.Create(kv.Key, Collect(kv.Value).Distinct().ToImmutableArray()))
            .Where(kv => kv.Value.Length > 0)
            .ToImmutableSortedDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Collect(PropertyValue value) => value switch
    {
        OutputProperty o => o.Dependencies.Concat(o.Value is null ? [] : Collect(o.Value)),
        SecretProperty s => Collect(s.Value),
        ArrayProperty a => a.Items.SelectMany(Collect),
        ObjectProperty m => m.Fields.Values.SelectMany(Collect),
        _ => [],
    };
}

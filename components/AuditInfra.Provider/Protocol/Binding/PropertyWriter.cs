using System.Collections;
using System.Collections.Immutable;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>Writes a typed record as a property map: nulls are left out, [Property(Secret = true)] values become secrets.</summary>
internal static class PropertyWriter
{
    public static ObjectProperty Write(object record)
    {
        var fields = new List<KeyValuePair<string, PropertyValue>>();
        foreach (var member in RecordShape.For(record.GetType()).Members)
        {
            var raw = member.Info.GetValue(record);
            if (raw is null)
            {
                continue;
            }

            var value = ToValue(raw);
            fields.Add(KeyValuePair.Create(member.Name, member.Attribute.Secret ? PropertyValue.Secret(value) : value));
        }

        return ObjectProperty.From(fields);
    }

    /// <summary>The names of the record's members that are null (outputs not known yet in a preview).</summary>
    public static IEnumerable<string> NullMembers(object record) =>
        RecordShape.For(record.GetType()).Members.Where(m => m.Info.GetValue(record) is null).Select(m => m.Name);

    private static PropertyValue ToValue(object raw) => raw switch
    {
        PropertyValue v => v,
        string s => PropertyValue.Of(s),
        bool b => PropertyValue.Of(b),
        int i => PropertyValue.Of(i),
        long l => PropertyValue.Of(l),
        double d => PropertyValue.Of(d),
        IOutput output => output.Value,
        IEnumerable items when raw is not string => new ArrayProperty(items.Cast<object>().Select(ToValue).ToImmutableArray()),
        _ when RecordShape.IsRecord(raw.GetType()) => Write(raw),
        _ => throw new InvalidOperationException($"the writer has no conversion from {raw.GetType().Name}"),
    };
}

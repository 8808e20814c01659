using System.Collections.Immutable;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Model;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Protocol.Values;

/// <summary>Translates google.protobuf.Struct/Value to <see cref="PropertyValue"/> and back, signatures included.</summary>
internal static class StructCodec
{
    public static ObjectProperty Decode(Struct? value) =>
        value is null
            ? ObjectProperty.Empty
            : ObjectProperty.From(value.Fields.Select(kv => KeyValuePair.Create(kv.Key, Decode(kv.Value))));

    public static PropertyValue Decode(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.None or Value.KindOneofCase.NullValue => PropertyValue.Null,
        Value.KindOneofCase.BoolValue => PropertyValue.Of(value.BoolValue),
        Value.KindOneofCase.NumberValue => PropertyValue.Of(value.NumberValue),
        Value.KindOneofCase.StringValue => Signatures.Unknowns.Contains(value.StringValue) ? PropertyValue.Unknown : PropertyValue.Of(value.StringValue),
        Value.KindOneofCase.ListValue => new ArrayProperty(value.ListValue.Values.Select(Decode).ToImmutableArray()),
        Value.KindOneofCase.StructValue => DecodeObject(value.StructValue),
        _ => throw GrpcErrors.Status(StatusCode.InvalidArgument, $"unsupported protobuf value kind {value.KindCase}"),
    };

    public static Struct Encode(ObjectProperty value)
    {
        var result = new Struct();
        foreach (var (key, field) in value.Fields)
        {
            result.Fields[key] = Encode(field);
        }

        return result;
    }

    /// <summary>
    /// Encodes for a peer; output values become plain secret/unknown values, since we never negotiate output
    /// values with the engine (their dependencies travel separately).
    /// </summary>
    public static Value Encode(PropertyValue value) => value switch
    {
        NullProperty => Value.ForNull(),
        UnknownProperty => Value.ForString(Signatures.UnknownString),
        BoolProperty b => Value.ForBool(b.Value),
        NumberProperty n => Value.ForNumber(n.Value),
        StringProperty s => Value.ForString(s.Value),
        ArrayProperty a => Value.ForList(a.Items.Select(Encode).ToArray()),
        ObjectProperty o => Value.ForStruct(Encode(o)),
        SecretProperty s => Envelope(Signatures.Secret, ("value", Encode(s.Value))),
        ResourceReferenceProperty r => EncodeReference(r),
        OutputProperty { Value: null } => Value.ForString(Signatures.UnknownString),
        OutputProperty { IsSecret: true } o => Encode(PropertyValue.Secret(o.Value!)),
        OutputProperty o => Encode(o.Value!),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unhandled property value kind"),
    };

    private static PropertyValue DecodeObject(Struct value)
    {
        if (!value.Fields.TryGetValue(Signatures.Key, out var signature))
        {
            return Decode(value);
        }

        string? Text(string key) => value.Fields.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;

        switch (signature.StringValue)
        {
            case Signatures.Secret:
                return PropertyValue.Secret(value.Fields.TryGetValue("value", out var inner) ? Decode(inner) : PropertyValue.Null);
            case Signatures.ResourceReference:
                var urn = Text("urn") ?? throw GrpcErrors.Status(StatusCode.InvalidArgument, "a resource reference has no urn");
                var id = value.Fields.TryGetValue("id", out var idValue)
                    ? (idValue.KindCase == Value.KindOneofCase.StringValue && Signatures.Unknowns.Contains(idValue.StringValue) ? string.Empty : idValue.StringValue)
                    : null;
                return new ResourceReferenceProperty(urn, id, Text("packageVersion") ?? string.Empty);
            case Signatures.OutputValue:
                var known = value.Fields.TryGetValue("value", out var outputValue) ? Decode(outputValue) : null;
                var secret = value.Fields.TryGetValue("secret", out var secretFlag) && secretFlag.BoolValue;
                var dependencies = value.Fields.TryGetValue("dependencies", out var deps) && deps.KindCase == Value.KindOneofCase.ListValue
                    ? deps.ListValue.Values.Select(d => d.StringValue).ToImmutableArray()
                    : [];
                return new OutputProperty(known, secret, dependencies);
            case Signatures.Asset or Signatures.Archive:
                // Assets are passed through untouched: no resource here takes one.
                return Decode(value);
            default:
                throw GrpcErrors.Status(StatusCode.InvalidArgument, $"unrecognized value signature {signature.StringValue}");
        }
    }

    private static Value EncodeReference(ResourceReferenceProperty reference)
    {
        var fields = new List<(string, Value)> { ("urn", Value.ForString(reference.Urn)), ("packageVersion", Value.ForString(reference.PackageVersion)) };
        if (reference.Id is not null)
        {
            fields.Add(("id", Value.ForString(reference.Id.Length == 0 ? Signatures.UnknownString : reference.Id)));
        }

        return Envelope(Signatures.ResourceReference, [.. fields]);
    }

    private static Value Envelope(string signature, params (string Key, Value Value)[] fields)
    {
        var result = new Struct();
        result.Fields[Signatures.Key] = Value.ForString(signature);
        foreach (var (key, field) in fields)
        {
            result.Fields[key] = field;
        }

        return Value.ForStruct(result);
    }
}

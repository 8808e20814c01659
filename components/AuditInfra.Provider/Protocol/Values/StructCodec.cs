using System.Collections.Immutable;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Grpc.Messages;
using AuditInfra.Grpc.Wire;
using AuditInfra.Provider.Model;
using Google.Protobuf;
using Grpc.Core;
using WellKnownStruct = Google.Protobuf.WellKnownTypes.Struct;

namespace AuditInfra.Provider.Protocol.Values;

/// <summary>
/// Translates the protocol's google.protobuf.Struct values to <see cref="PropertyValue"/> and back, signatures
/// included. Structs the engine sends arrive as their encoded bytes (provider.proto) and are decoded by
/// <see cref="StructReader"/> without copying strings; the ones sent back are <see cref="Struct"/>s whose strings
/// share those bytes. The engine services (engine.proto) still use Google.Protobuf's Struct; those small messages
/// go through their encoding, so there is one decoder and one encoder.
/// </summary>
internal static class StructCodec
{
    /// <summary>The object encoded in <paramref name="encoded"/>; empty bytes (field not sent) are an empty object.</summary>
    /// <param name="root">The request field, for error messages (e.g. <c>news</c>).</param>
    /// <exception cref="RpcException">INVALID_ARGUMENT: malformed, not UTF-8, too deep, or an unknown signature.</exception>
    public static ObjectProperty Decode(ByteString encoded, string root) =>
        encoded.IsEmpty ? ObjectProperty.Empty : StructReader.Read(encoded.Memory, root);

    /// <summary>A Struct from an engine service, decoded the same way.</summary>
    public static ObjectProperty Decode(WellKnownStruct? value, string root) =>
        value is null ? ObjectProperty.Empty : Decode(value.ToByteString(), root);

    public static Struct Encode(ObjectProperty value)
    {
        var result = new Struct();
        foreach (var (key, field) in value.Fields)
        {
            result.Fields[key] = Encode(field);
        }

        return result;
    }

    /// <summary><see cref="Encode(ObjectProperty)"/> as Google.Protobuf's Struct, for the engine services.</summary>
    public static WellKnownStruct EncodeWellKnown(ObjectProperty value)
    {
        using var input = CodedInputStream.CreateWithLimits(new MemoryStream(Encode(value).ToByteArray()), MessageLimits.MaxMessageBytes, MessageLimits.RecursionLimit);
        return WellKnownStruct.Parser.ParseFrom(input);
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
        StringProperty s => Value.ForUtf8(s.Utf8),
        ArrayProperty a => Value.ForList(a.Items.Select(Encode)),
        ObjectProperty o => Value.ForStruct(Encode(o)),
        SecretProperty s => Envelope(Signatures.Secret, ("value", Encode(s.Value))),
        ResourceReferenceProperty r => EncodeReference(r),
        OutputProperty { Value: null } => Value.ForString(Signatures.UnknownString),
        OutputProperty { IsSecret: true } o => Encode(PropertyValue.Secret(o.Value!)),
        OutputProperty o => Encode(o.Value!),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unhandled property value kind"),
    };

    /// <summary>A decoded nested object, or the special value its signature key says it is (secret, reference, output).</summary>
    internal static PropertyValue Interpret(ObjectProperty value)
    {
        if (!value.Fields.TryGetValue(Signatures.Key, out var signature))
        {
            return value;
        }

        string? Text(string key) => value[key] is StringProperty s ? s.Value : null;

        switch ((signature as StringProperty)?.Value ?? string.Empty)
        {
            case Signatures.Secret:
                return PropertyValue.Secret(value["value"] ?? PropertyValue.Null);
            case Signatures.ResourceReference:
                var urn = Text("urn") ?? throw GrpcErrors.Status(StatusCode.InvalidArgument, "a resource reference has no urn");
                var id = value["id"] switch
                {
                    null => null,
                    StringProperty s => s.Value,
                    _ => string.Empty, // unknown (the engine's sentinel) or not a string
                };
                return new ResourceReferenceProperty(urn, id, Text("packageVersion") ?? string.Empty);
            case Signatures.OutputValue:
                var secret = value["secret"] is BoolProperty { Value: true };
                var dependencies = value["dependencies"] is ArrayProperty deps
                    ? deps.Items.Select(d => d is StringProperty s ? s.Value : string.Empty).ToImmutableArray()
                    : [];
                return new OutputProperty(value["value"], secret, dependencies);
            case Signatures.Asset or Signatures.Archive:
                // Assets are passed through untouched: no resource here takes one.
                return value;
            case var other:
                throw GrpcErrors.Status(StatusCode.InvalidArgument, $"unrecognized value signature {other}");
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

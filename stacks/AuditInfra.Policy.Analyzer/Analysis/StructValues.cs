using System.Globalization;
using AuditInfra.Policy.Values;
using Google.Protobuf.WellKnownTypes;
using ListValue = AuditInfra.Policy.Values.ListValue;
using NullValue = AuditInfra.Policy.Values.NullValue;

namespace AuditInfra.Policy.Analyzer.Analysis;

/// <summary>Property values as the engine sends them (google.protobuf.Struct) turned into the rules' values.</summary>
public static class StructValues
{
    public static MapValue ToMap(Struct? properties) =>
        new((properties?.Fields ?? []).ToDictionary(f => f.Key, f => ToValue(f.Value), StringComparer.Ordinal), null);

    public static PolicyValue ToValue(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StructValue when value.StructValue.Fields.ContainsKey(EngineSentinels.SecretSignatureKey) => new SecretValue(null),
        Value.KindOneofCase.StructValue => ToMap(value.StructValue),
        Value.KindOneofCase.ListValue => new ListValue(value.ListValue.Values.Select(ToValue).ToList(), null),
        Value.KindOneofCase.StringValue when value.StringValue == EngineSentinels.Unknown => new UnknownValue("known after the update", null),
        Value.KindOneofCase.StringValue => new ScalarValue(value.StringValue, null),
        Value.KindOneofCase.NumberValue => new ScalarValue(value.NumberValue.ToString("R", CultureInfo.InvariantCulture), null),
        Value.KindOneofCase.BoolValue => new ScalarValue(value.BoolValue ? "true" : "false", null),
        _ => new NullValue(null),
    };
}

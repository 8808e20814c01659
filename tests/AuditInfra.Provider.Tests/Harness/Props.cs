using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Wire = AuditInfra.Grpc.Wire;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>Builds and reads protobuf Structs the way the engine writes them, with its magic strings spelled out.</summary>
public static class Props
{
    public const string SigKey = "4dabf18193072939515e22adb298388d";
    public const string SecretSig = "1b47061264138c4ac30d75fd1eb44270";
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    public static Struct Json(string json) => JsonParser.Default.Parse<Struct>(json);

    /// <summary><see cref="Json"/> encoded, as the request messages carry a Struct (provider.proto declares those fields bytes).</summary>
    public static ByteString Encoded(string json) => Json(json).ToByteString();

    public static string SecretJson(string valueJson) => $$"""{"{{SigKey}}":"{{SecretSig}}","value":{{valueJson}}}""";

    public static bool IsSecret(Value value) =>
        value.KindCase == Value.KindOneofCase.StructValue &&
        value.StructValue.Fields.TryGetValue(SigKey, out var sig) && sig.StringValue == SecretSig;

    public static Value Unwrap(Value value) => IsSecret(value) ? value.StructValue.Fields["value"] : value;

    public static bool IsUnknown(Value value) => value.KindCase == Value.KindOneofCase.StringValue && value.StringValue == Unknown;

    // The same for the Structs the provider answers with (AuditInfra.Grpc.Wire: strings as UTF-8 bytes).
    public static bool IsSecret(Wire.Value value) =>
        value.KindCase == Wire.Value.KindOneofCase.StructValue &&
        value.StructValue.Fields.TryGetValue(SigKey, out var sig) && sig.StringValue == SecretSig;

    public static Wire.Value Unwrap(Wire.Value value) => IsSecret(value) ? value.StructValue.Fields["value"] : value;

    /// <summary>The same value as Google.Protobuf's Value (same wire format), to compare with one built from JSON.</summary>
    public static Value ToWellKnown(Wire.Value value) => Value.Parser.ParseFrom(value.ToByteString());

    public static bool IsUnknown(Wire.Value value) => value.KindCase == Wire.Value.KindOneofCase.Utf8Value && value.StringValue == Unknown;
}

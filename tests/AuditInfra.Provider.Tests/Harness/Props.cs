using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>Builds and reads protobuf Structs the way the engine writes them, with its magic strings spelled out.</summary>
public static class Props
{
    public const string SigKey = "4dabf18193072939515e22adb298388d";
    public const string SecretSig = "1b47061264138c4ac30d75fd1eb44270";
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    public static Struct Json(string json) => JsonParser.Default.Parse<Struct>(json);

    public static string SecretJson(string valueJson) => $$"""{"{{SigKey}}":"{{SecretSig}}","value":{{valueJson}}}""";

    public static bool IsSecret(Value value) =>
        value.KindCase == Value.KindOneofCase.StructValue &&
        value.StructValue.Fields.TryGetValue(SigKey, out var sig) && sig.StringValue == SecretSig;

    public static Value Unwrap(Value value) => IsSecret(value) ? value.StructValue.Fields["value"] : value;

    public static bool IsUnknown(Value value) => value.KindCase == Value.KindOneofCase.StringValue && value.StringValue == Unknown;
}

namespace AuditInfra.Policy.Values;

/// <summary>How the Pulumi engine marks values it does not show: not known yet, or secret (research/pulumi-provider.md §3, §6.1).</summary>
public static class EngineSentinels
{
    /// <summary>A value known only after the update.</summary>
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /// <summary>The key of the signature object that wraps a secret on the wire.</summary>
    public const string SecretSignatureKey = "4dabf18193072939515e22adb298388d";

    /// <summary>How `pulumi preview --json` prints a secret.</summary>
    public const string BlindedSecret = "[secret]";
}

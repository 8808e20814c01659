namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>The policy check's targets (compiled into AuditInfra.Policy.Tests, which replays their inputs).</summary>
public static class PolicyFuzzTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["policy-yaml"] = PolicyYamlTarget.Run,
        ["policy-project"] = PolicyProjectTarget.Run,
    };
}

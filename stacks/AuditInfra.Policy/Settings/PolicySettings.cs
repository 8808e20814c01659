namespace AuditInfra.Policy.Settings;

/// <summary>
/// The settings in policy.yaml: the minimum retention per environment, which environment a stack belongs to
/// (by default its own name), and the suppressions.
/// </summary>
public sealed record PolicySettings(
    IReadOnlyDictionary<string, int> MinimumRetentionDays,
    IReadOnlyDictionary<string, string> StackEnvironments,
    IReadOnlyList<Suppression> Suppressions,
    string? File)
{
    public const int ProdMinimumRetentionDays = 365;
    public const int DefaultMinimumRetentionDays = 1;

    public static PolicySettings Defaults { get; } = new(
        new Dictionary<string, int> { ["prod"] = ProdMinimumRetentionDays, ["default"] = DefaultMinimumRetentionDays },
        new Dictionary<string, string>(),
        [],
        null);

    public string EnvironmentOf(string stack) => StackEnvironments.TryGetValue(stack, out var environment) ? environment : stack;

    public int MinimumRetentionFor(string environment) =>
        MinimumRetentionDays.TryGetValue(environment, out var days) ? days
        : MinimumRetentionDays.TryGetValue("default", out var fallback) ? fallback
        : DefaultMinimumRetentionDays;
}

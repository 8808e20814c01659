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
        new Dictionary<string, int> { [Production] = ProdMinimumRetentionDays, ["default"] = DefaultMinimumRetentionDays },
        new Dictionary<string, string>(),
        [],
        null);

    /// <summary>The environment whose rules are the strictest: production.</summary>
    public const string Production = "prod";

    /// <summary>
    /// Stack names (or first parts of them: <c>dev-eu</c>, <c>test_2</c>) that may keep the lighter rules without a
    /// mapping in policy.yaml. Every other unmapped stack is held to production's rules (docs/policy.md).
    /// </summary>
    public static IReadOnlyList<string> NonProductionNames { get; } =
    [
        "dev", "development", "test", "testing", "qa", "ci", "staging", "stage", "stg", "sandbox", "sbx", "demo",
        "preview", "review", "local", "experiment", "experimental", "playground", "scratch", "uat", "perf",
    ];

    /// <summary>Names that mean production wherever they appear in a stack name or a mapped environment.</summary>
    public static IReadOnlyList<string> ProductionNames { get; } = ["prod", "prd", "production", "live", "main", "master"];

    /// <summary>The environment whose rules apply to <paramref name="stack"/>.</summary>
    public string EnvironmentOf(string stack) => ResolveEnvironment(stack).Environment;

    /// <summary>
    /// The environment of a stack and, when it was assumed rather than known, a sentence saying so and how to map it.
    /// Mapped in policy.yaml: that environment (a production name means prod). Otherwise a documented non-production
    /// name keeps its own environment; anything else (production, prd, live, prod-eu, a name nobody listed) is prod.
    /// </summary>
    public (string Environment, string? Assumption) ResolveEnvironment(string stack)
    {
        if (StackEnvironments.TryGetValue(stack, out var mapped))
        {
            return (IsProductionName(mapped) ? Production : mapped, null);
        }

        var parts = stack.ToLowerInvariant().Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        if (stack == Production)
        {
            return (Production, null);
        }

        if (parts.Length > 0 && NonProductionNames.Contains(parts[0]) && !parts.Any(ProductionNames.Contains))
        {
            return (parts.Length == 1 ? stack : parts[0], null);
        }

        var why = parts.Any(ProductionNames.Contains) ? "its name says production" : "its name is not a known non-production name";
        return (Production, $"stack {stack}: held to the prod rules because {why} and policy.yaml does not map it (environments: {{{stack}: <environment>}})");
    }

    private static bool IsProductionName(string environment) =>
        environment.ToLowerInvariant().Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(ProductionNames.Contains);

    public int MinimumRetentionFor(string environment) =>
        MinimumRetentionDays.TryGetValue(environment, out var days) ? days
        : MinimumRetentionDays.TryGetValue("default", out var fallback) ? fallback
        : DefaultMinimumRetentionDays;
}

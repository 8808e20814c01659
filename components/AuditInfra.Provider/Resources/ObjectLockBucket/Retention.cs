using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Resources.ObjectLockBucket;

/// <summary>The default Object Lock retention a bucket applies to every new object version.</summary>
public sealed record Retention
{
    public const string Compliance = "COMPLIANCE";
    public const string Governance = "GOVERNANCE";

    [Property("mode", "COMPLIANCE: nobody, root included, can shorten or remove it. GOVERNANCE: users with the bypass permission can.", OneOf = [Compliance, Governance])]
    public required string Mode { get; init; }

    [Property("days", "Retention period in days (give days or years, not both).")]
    public int? Days { get; init; }

    [Property("years", "Retention period in years (give days or years, not both).")]
    public int? Years { get; init; }

    public TimeSpan Period => Days is { } d ? TimeSpan.FromDays(d) : TimeSpan.FromDays(365.0 * (Years ?? 0));

    public override string ToString() => $"{Mode} {(Days is { } d ? $"{d} days" : $"{Years} years")}";

    /// <summary>One failure per bad field, named as the user wrote it.</summary>
    public IEnumerable<CheckFailure> Validate(string path)
    {
        if (Days is null && Years is null)
        {
            yield return new CheckFailure(path, "needs days or years");
        }

        if (Days is not null && Years is not null)
        {
            yield return new CheckFailure($"{path}.years", "give days or years, not both");
        }

        if (Days is <= 0 or > 36500)
        {
            yield return new CheckFailure($"{path}.days", $"must be between 1 and 36500, not {Days}");
        }

        if (Years is <= 0 or > 100)
        {
            yield return new CheckFailure($"{path}.years", $"must be between 1 and 100, not {Years}");
        }
    }
}

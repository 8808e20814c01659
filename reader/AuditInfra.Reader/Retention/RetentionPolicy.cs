namespace AuditInfra.Reader.Retention;

/// <summary>
/// An Object Lock retention rule: a mode and a period of days or years (S3 allows exactly one of the two).
/// The bucket's default rule is what every delivered version must at least carry.
/// </summary>
public sealed record RetentionPolicy
{
    public RetentionPolicy(string mode, int? days, int? years)
    {
        if (mode is not (Compliance or Governance))
        {
            throw new ArgumentException($"retention mode must be {Compliance} or {Governance}, got '{mode}'", nameof(mode));
        }

        if ((days is null) == (years is null) || days <= 0 || years <= 0)
        {
            throw new ArgumentException("a retention period is a positive number of days or of years, not both", nameof(days));
        }

        Mode = mode;
        Days = days;
        Years = years;
    }

    public const string Compliance = "COMPLIANCE";
    public const string Governance = "GOVERNANCE";

    public string Mode { get; }

    public int? Days { get; }

    public int? Years { get; }

    /// <summary>The earliest retain-until date a version written at <paramref name="writtenAt"/> may carry.</summary>
    public DateTimeOffset RequiredUntil(DateTimeOffset writtenAt) =>
        Days is { } days ? writtenAt.AddDays(days) : writtenAt.AddYears(Years!.Value);

    public override string ToString() => Days is { } d ? $"{Mode} {d} day{(d == 1 ? "" : "s")}" : $"{Mode} {Years} year{(Years == 1 ? "" : "s")}";
}

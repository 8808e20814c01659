using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Model;

/// <summary>
/// An Object Lock default retention as the bucket's <c>retention</c> input gives it: <c>{mode, days | years}</c>.
/// Years count as 365 days, the way the rules compare them with day values.
/// </summary>
public sealed record Retention(PolicyValue? Mode, PolicyValue? Period, bool InYears)
{
    public const string Compliance = "COMPLIANCE";
    public const string Governance = "GOVERNANCE";

    public string? ModeText => Mode?.Text?.ToUpperInvariant();

    public int? Days => Period?.AsNumber is { } n ? (int)Math.Floor(n * (InYears ? 365 : 1)) : null;

    /// <summary>The period as written, for messages: "400 days", "2 years".</summary>
    public string PeriodText => Period?.Text is { } text ? $"{text} {(InYears ? "years" : "days")}" : "no known period";

    public static Retention? Of(AuditResource bucket) => Of(bucket.Property("retention"));

    public static Retention? Of(PolicyValue? value)
    {
        if (value is not MapValue map)
        {
            return null;
        }

        var days = map.At("days");
        var inYears = days is null or NullValue;
        var period = inYears ? map.At("years") : days;
        return new Retention(map.At("mode"), period is NullValue ? null : period, inYears);
    }
}

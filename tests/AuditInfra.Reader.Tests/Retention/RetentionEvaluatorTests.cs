using AuditInfra.Reader.Retention;

namespace AuditInfra.Reader.Tests.Retention;

public sealed class RetentionEvaluatorTests
{
    private static readonly DateTimeOffset Written = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_version_locked_for_the_whole_period_in_the_expected_mode_passes()
    {
        var version = new ObjectVersionRetention("k", "v1", Written, "COMPLIANCE", Written.AddDays(365));
        Assert.Null(RetentionEvaluator.FindProblem(version, new RetentionPolicy("COMPLIANCE", 365, null)));
    }

    [Fact]
    public void A_version_without_retention_is_reported()
    {
        var problem = RetentionEvaluator.FindProblem(new ObjectVersionRetention("k", "v1", Written, null, null), new RetentionPolicy("GOVERNANCE", 1, null));
        Assert.Contains("no Object Lock retention", problem);
    }

    [Fact]
    public void A_version_in_the_weaker_mode_is_reported()
    {
        var version = new ObjectVersionRetention("k", "v1", Written, "GOVERNANCE", Written.AddDays(400));
        Assert.Contains("GOVERNANCE mode, expected COMPLIANCE", RetentionEvaluator.FindProblem(version, new RetentionPolicy("COMPLIANCE", 365, null)));
    }

    [Fact]
    public void A_version_released_before_delivery_time_plus_the_period_is_reported()
    {
        var version = new ObjectVersionRetention("k", "v1", Written, "COMPLIANCE", Written.AddDays(364));
        Assert.Contains("earlier than delivery time plus COMPLIANCE 365 days", RetentionEvaluator.FindProblem(version, new RetentionPolicy("COMPLIANCE", 365, null)));
    }

    [Fact]
    public void Years_count_in_calendar_years_and_the_clock_slack_is_small()
    {
        var policy = new RetentionPolicy("COMPLIANCE", null, 1);
        Assert.Null(RetentionEvaluator.FindProblem(new ObjectVersionRetention("k", "v", Written, "COMPLIANCE", Written.AddYears(1).AddSeconds(-30)), policy));
        Assert.NotNull(RetentionEvaluator.FindProblem(new ObjectVersionRetention("k", "v", Written, "COMPLIANCE", Written.AddYears(1).AddMinutes(-2)), policy));
    }

    [Theory]
    [InlineData("FOREVER", 1, null)]
    [InlineData("COMPLIANCE", null, null)]
    [InlineData("COMPLIANCE", 1, 1)]
    [InlineData("COMPLIANCE", 0, null)]
    public void Invalid_policies_are_refused(string mode, int? days, int? years) =>
        Assert.Throws<ArgumentException>(() => new RetentionPolicy(mode, days, years));
}

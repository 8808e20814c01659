namespace AuditInfra.Reader.Integrity;

/// <summary>What <see cref="Sealer"/> seals and by which rules.</summary>
public sealed class SealOptions
{
    /// <summary>First UTC day whose periods are considered (sealed if unsealed, checked for late arrivals if sealed).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last UTC day considered (inclusive); periods that have not closed plus <see cref="Delay"/> are left for a later run.</summary>
    public required DateOnly To { get; init; }

    public PeriodLength Length { get; init; } = PeriodLength.Hour;

    /// <summary>How long after a period ends it is sealed, so deliveries still on their way arrive first. Default 1 hour.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after a period ends an object may still arrive as a late delivery: it is sealed by an addendum on the
    /// next run; later arrivals are never sealed and verify reports them as injected. Default 24 hours.
    /// </summary>
    public TimeSpan LateWindow { get; init; } = TimeSpan.FromHours(24);
}

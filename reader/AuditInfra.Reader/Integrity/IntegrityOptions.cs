namespace AuditInfra.Reader.Integrity;

/// <summary>What <c>verify --integrity</c> expects of the digests.</summary>
public sealed class IntegrityOptions
{
    /// <summary>The period length the sealer uses (a closed period without a digest of it is <c>digest_missing</c>).</summary>
    public PeriodLength Length { get; init; } = PeriodLength.Hour;

    /// <summary>
    /// How long after a period ends its digest must exist: the sealer's delay plus its schedule (default 3 hours, for
    /// an hourly job with the default 1-hour delay). Younger periods are not expected to be sealed yet.
    /// </summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromHours(3);
}

using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification.Checks;

namespace AuditInfra.Reader.Retention;

/// <summary>Builds the <c>unlocked_object</c> check for a source: what to expect comes from the bucket's default rule unless overridden.</summary>
public static class RetentionCheckFactory
{
    /// <param name="source">An S3 source; a folder has no versions or locks.</param>
    /// <param name="expectMode">COMPLIANCE or GOVERNANCE to require instead of the bucket's default mode.</param>
    /// <param name="expectDays">Days to require instead of the bucket's default period.</param>
    /// <exception cref="ArgumentException">The source is a folder, or the expectation is incomplete or invalid.</exception>
    /// <exception cref="LogSourceException">Object Lock is off on the bucket, or its configuration cannot be read.</exception>
    public static async Task<(UnlockedObjectCheck Check, RetentionPolicy Expected)> CreateAsync(
        ILogSource source, string? expectMode, int? expectDays, CancellationToken cancellationToken = default)
    {
        if (source is not S3LogSource s3)
        {
            throw new ArgumentException($"--check-retention needs an S3 source (s3://bucket[/prefix]): {source.Description} is a folder, which has no Object Lock");
        }

        var retention = s3.CreateRetentionSource();
        var bucketDefault = await retention.GetDefaultRetentionAsync(cancellationToken);
        var mode = expectMode?.ToUpperInvariant() ?? bucketDefault?.Mode;
        if (mode is null || (expectDays is null && bucketDefault is null))
        {
            throw new ArgumentException(
                $"{source.Description} has Object Lock but no default retention rule, so there is nothing to check against: " +
                "pass --expect-mode COMPLIANCE|GOVERNANCE and --expect-days N");
        }

        if (mode is not (RetentionPolicy.Compliance or RetentionPolicy.Governance))
        {
            throw new ArgumentException($"--expect-mode must be COMPLIANCE or GOVERNANCE, got '{expectMode}'");
        }

        if (expectDays is <= 0)
        {
            throw new ArgumentException($"--expect-days must be a positive number of days, got {expectDays}");
        }

        var expected = expectDays is { } days
            ? new RetentionPolicy(mode, days, null)
            : new RetentionPolicy(mode, bucketDefault!.Days, bucketDefault.Years);
        return (new UnlockedObjectCheck(retention, expected), expected);
    }
}

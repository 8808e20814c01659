namespace AuditInfra.Reader.Retention;

/// <summary>Decides whether one version carries the retention the bucket's rule promises.</summary>
public static class RetentionEvaluator
{
    /// <summary>
    /// The server stamps retain-until from its own clock when it stores the object, which can differ from
    /// LastModified by the time the upload took; a minute of slack keeps that from reading as a weaker lock.
    /// </summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(1);

    /// <summary>Null when the version is locked as expected; otherwise what is wrong, in one sentence.</summary>
    public static string? FindProblem(ObjectVersionRetention version, RetentionPolicy expected)
    {
        if (version.Mode is null || version.RetainUntil is null)
        {
            return $"version {version.VersionId} has no Object Lock retention (expected {expected})";
        }

        if (!string.Equals(version.Mode, expected.Mode, StringComparison.OrdinalIgnoreCase))
        {
            return $"version {version.VersionId} is locked in {version.Mode} mode, expected {expected.Mode}";
        }

        var required = expected.RequiredUntil(version.WrittenAt);
        if (version.RetainUntil.Value < required - ClockSlack)
        {
            return $"version {version.VersionId} is retained until {version.RetainUntil.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, " +
                   $"earlier than delivery time plus {expected} ({required.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})";
        }

        return null;
    }
}

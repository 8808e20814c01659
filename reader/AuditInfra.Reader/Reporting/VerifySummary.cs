namespace AuditInfra.Reader.Reporting;

/// <summary>The summary of a verification (the <c>summary</c> object of the JSON report).</summary>
public sealed record VerifySummary
{
    public required string Source { get; init; }

    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    /// <summary>
    /// The last day read: <see cref="To"/> clamped at today (UTC). Null when the whole range lies after today, so
    /// nothing was read (an empty range, exit 3).
    /// </summary>
    public DateOnly? ReadTo { get; init; }

    /// <summary>What the reader should know but is no finding: today still being delivered, days not yet happened.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Per CloudEvents stream read and configured field: how many records carried it (see <see cref="Reading.FieldCoverage"/>).</summary>
    public IReadOnlyList<Reading.FieldCoverageEntry> FieldCoverage { get; init; } = [];

    /// <summary>
    /// One line per configured field missing from nearly all records of a stream, naming the setting to change: the
    /// records have another shape, so actors, IPs or outcomes read empty (no finding: the delivery itself may be fine).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public required double DurationSeconds { get; init; }

    /// <summary>Delivery objects in the range (empty ones included).</summary>
    public required long Objects { get; init; }

    public required long EmptyObjects { get; init; }

    public required long ProbeObjects { get; init; }

    public required long UnexpectedObjects { get; init; }

    public required long Records { get; init; }

    /// <summary>Bytes as stored (compressed).</summary>
    public required long Bytes { get; init; }

    public required long UncompressedBytes { get; init; }

    public required long Findings { get; init; }

    /// <summary>How many findings the report lists (at most the MaxFindings setting; all are counted).</summary>
    public required long FindingsListed { get; init; }

    /// <summary>Every kind of the contract, zero included, in contract order.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> FindingsByKind { get; init; }

    /// <summary><c>config</c>, <c>login</c>, <c>k8s</c>.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> RecordsByCategory { get; init; }

    /// <summary>Most frequent first (config and sign-in codes; unknown codes included).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> RecordsByEventCode { get; init; }

    /// <summary>By the catalog's service; codes outside the catalog are not counted here.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> RecordsByService { get; init; }

    public required CatalogCoverage CatalogCoverage { get; init; }

    public required IReadOnlyList<PartitionSummary> Streams { get; init; }
}

/// <summary>How many catalog codes the range contained at least once.</summary>
public sealed record CatalogCoverage(int Seen, int Known)
{
    public double Percent => Known == 0 ? 0 : Math.Round(100.0 * Seen / Known, 1);
}

/// <summary>One stream/account/cluster series and how many of the range's days it delivered.</summary>
public sealed record PartitionSummary(string Stream, string Account, string? Cluster, string Prefix, int DaysDelivered, int DaysInRange, long Objects);

using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Configuration;

/// <summary>
/// The reader's settings, bound from configuration (see <see cref="ReaderConfiguration"/>): a JSON settings file,
/// then <c>AUDITINFRA_</c> environment variables (<c>__</c> for ':'), then command-line flags.
/// </summary>
public sealed class ReaderSettings
{
    /// <summary>A folder or <c>s3://bucket[/prefix]</c> (key <c>Source</c>).</summary>
    public string? Source { get; set; }

    /// <summary>The destination's custom <c>path</c>, if it has one (key <c>Path</c>).</summary>
    public string? Path { get; set; }

    /// <summary>Endpoint, region, credentials and retries (section <c>S3</c>).</summary>
    public S3LogSourceOptions S3 { get; set; } = new();

    /// <summary>Where the undocumented <c>data</c> fields live (section <c>Fields</c>).</summary>
    public RecordFieldPaths Fields { get; set; } = new();

    /// <summary>The longest line in config and sign-in files (see <see cref="ReadLimits.MaxLineBytes"/>).</summary>
    public int MaxLineBytes { get; set; } = ReadLimits.DefaultMaxLineBytes;

    /// <summary>The longest line in LKE files (see <see cref="ReadLimits.MaxKubernetesLineBytes"/>).</summary>
    public int MaxKubernetesLineBytes { get; set; } = ReadLimits.DefaultMaxKubernetesLineBytes;

    /// <summary>The deepest JSON nesting accepted (see <see cref="ReadLimits.MaxJsonDepth"/>).</summary>
    public int MaxJsonDepth { get; set; } = ReadLimits.DefaultMaxJsonDepth;

    public ReadLimits Limits => new(MaxLineBytes, MaxKubernetesLineBytes, MaxJsonDepth);

    /// <summary>
    /// Decompressed bytes read from one object at most (key <c>MaxObjectBytes</c>); the rest of a bigger object is not
    /// read and the object is reported (see <see cref="ObjectScanner.DefaultMaxObjectBytes"/>).
    /// </summary>
    public long MaxObjectBytes { get; set; } = ObjectScanner.DefaultMaxObjectBytes;

    /// <summary>
    /// Malformed lines reported per object at most (key <c>MaxMalformedLines</c>); the rest of a worse object is not
    /// read and the object is reported (see <see cref="ObjectScanner.DefaultMaxMalformedLines"/>).
    /// </summary>
    public int MaxMalformedLines { get; set; } = ObjectScanner.DefaultMaxMalformedLines;

    /// <summary>
    /// Objects read at once; 0 means four per processor. More workers than cores hide S3 latency, and on a shared
    /// machine they keep the job's share of the CPU (measured: 2 workers got ~50% of 2 cores, 4 got ~90%).
    /// </summary>
    public int Parallelism { get; set; }

    /// <summary>The cap on <see cref="Parallelism"/>: past it a run only gains memory, not speed.</summary>
    public const int MaxParallelism = 256;

    /// <summary>Findings kept for the report (all are counted): a broken bucket must not make memory grow.</summary>
    public int MaxFindings { get; set; } = 1000;

    /// <summary>
    /// How far a record's time may lie outside the UTC day of its object (key <c>PartitionToleranceMinutes</c>): within it,
    /// <c>verify</c> reports no <c>partition_mismatch</c>, and query, export, filter-options and detect look that far into
    /// the neighbouring day folders (see <see cref="DeliveryReaderOptions.PartitionTolerance"/>).
    /// </summary>
    public int PartitionToleranceMinutes { get; set; } = DefaultPartitionToleranceMinutes;

    /// <summary>
    /// 10 minutes. Akamai delivers in batches, one object per batch (TechDocs "Log files"), and publishes no delivery
    /// delay; a recorded stream wrote ~20 objects in ~10 minutes, and CloudTrail, which delivers the same way, takes
    /// about 5 minutes on average. A batch closed a few minutes after midnight holds records from before it: twice
    /// that average keeps such a record normal, while a record filed hours off is still a finding.
    /// </summary>
    public const int DefaultPartitionToleranceMinutes = 10;

    /// <summary>The cap on <see cref="PartitionToleranceMinutes"/>: one day (a wider slack would make every reader list days for nothing).</summary>
    public const int MaxPartitionToleranceMinutes = 1440;

    public DeliveryReaderOptions ToReaderOptions() => new()
    {
        Path = Path,
        Fields = Fields,
        Limits = Limits,
        MaxObjectBytes = MaxObjectBytes,
        MaxMalformedLines = MaxMalformedLines,
        PartitionTolerance = TimeSpan.FromMinutes(PartitionToleranceMinutes),
    };
}

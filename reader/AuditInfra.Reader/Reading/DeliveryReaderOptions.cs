using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Reading;

/// <summary>How deliveries are laid out and parsed; shared by verify, query, export, sync and detect.</summary>
public sealed class DeliveryReaderOptions
{
    /// <summary>The destination's custom <c>path</c>, or null for Akamai's default key layout.</summary>
    public string? Path { get; set; }

    /// <summary>Where the undocumented <c>data</c> fields live.</summary>
    public RecordFieldPaths Fields { get; set; } = new();

    /// <summary>Longer lines are reported malformed and skipped without being held in memory.</summary>
    public ReadLimits Limits { get; set; } = ReadLimits.Default;

    /// <summary>Decompressed bytes read from one object at most; a bigger object is reported, not read on.</summary>
    public long MaxObjectBytes { get; set; } = ObjectScanner.DefaultMaxObjectBytes;

    /// <summary>
    /// How far a record's time may lie outside the UTC day folder it is filed under (setting
    /// <c>PartitionToleranceMinutes</c>). A reader of a time range lists the day folders that far around it, so a
    /// record of 23:59 delivered in the next day's object is found (see <see cref="DayFolders"/>).
    /// </summary>
    public TimeSpan PartitionTolerance { get; set; } = TimeSpan.FromMinutes(Configuration.ReaderSettings.DefaultPartitionToleranceMinutes);

    /// <summary>Malformed lines reported per object at most; a worse object is reported damaged, not read on.</summary>
    public int MaxMalformedLines { get; set; } = ObjectScanner.DefaultMaxMalformedLines;
}

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// What <c>sync</c> has collected, as stored in the checkpoint file (JSON). Objects are collected in
/// (LastModified, Key) order; everything at or before <see cref="LastModified"/>/<see cref="Key"/> is done.
/// Objects that land late with an older LastModified are caught by <see cref="Recent"/>: the keys (and record
/// id hashes, the dedup window) of the objects collected within the dedup window before the watermark.
/// </summary>
public sealed class SyncCheckpoint
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The source it belongs to (<c>s3://bucket/prefix</c> or a folder); a checkpoint is never reused for another.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>LastModified of the newest collected object (the watermark), or null before the first object.</summary>
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>Key of the newest collected object; breaks ties between objects with the same LastModified.</summary>
    public string? Key { get; set; }

    /// <summary>The newest day partition collected; listing starts <c>--late-days</c> before it.</summary>
    public DateOnly? NewestDay { get; set; }

    /// <summary>
    /// Set while a run is under way: the first day that run listed. Objects are collected in LastModified order,
    /// not day order, so a run killed midway may have left older days unfinished; the next run lists from here.
    /// </summary>
    public DateOnly? UnfinishedFrom { get; set; }

    /// <summary>The first day to list on the first run (<c>--since</c>, or the day of the first run).</summary>
    public DateOnly Since { get; set; }

    /// <summary>Length of the output file when this checkpoint was written (null for stdout): anything after it is from a run that did not finish.</summary>
    public long? OutputLength { get; set; }

    public List<CollectedObject> Recent { get; set; } = [];

    public long ObjectsCollected { get; set; }

    public long RecordsWritten { get; set; }

    public long DuplicatesDropped { get; set; }
}

/// <summary>An object collected within the dedup window: its key, LastModified and the hashes of its record ids (base64 of 8-byte values).</summary>
public sealed class CollectedObject
{
    public string Key { get; set; } = string.Empty;

    public DateTimeOffset LastModified { get; set; }

    public string Ids { get; set; } = string.Empty;
}

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

    /// <summary>Length of the quarantine file when this checkpoint was written: lines after it are from a run that did not finish.</summary>
    public long? QuarantineLength { get; set; }

    public List<CollectedObject> Recent { get; set; } = [];

    /// <summary>
    /// Objects the watermark has passed but that were not read whole (a transport failure after the retries, damage, a
    /// line over the limit, too many skipped lines): none of their records were written. Every run tries them again,
    /// until they are read whole or the user gives them up (<c>--give-up</c>).
    /// </summary>
    public List<RetryObject> Retry { get; set; } = [];

    /// <summary>Objects given up (<c>--give-up</c>) so far; each has an entry in the quarantine file.</summary>
    public long ObjectsGivenUp { get; set; }

    /// <summary>Lines written to the quarantine file so far.</summary>
    public long LinesQuarantined { get; set; }

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

/// <summary>An object waiting to be read whole: where it is, how often it failed and why, last time.</summary>
public sealed class RetryObject
{
    public string Key { get; set; } = string.Empty;

    public long Size { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public string? VersionId { get; set; }

    /// <summary>Runs that tried to read it and failed.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed.</summary>
    public string LastError { get; set; } = string.Empty;

    /// <summary>When it first failed (UTC).</summary>
    public DateTimeOffset FirstFailed { get; set; }

    /// <summary>When it last failed (UTC).</summary>
    public DateTimeOffset LastFailed { get; set; }

    /// <summary>
    /// Identity hashes (base64 of 8-byte values) of its records that a killed run had already written to the output
    /// before this object failed: the run that reads it whole skips them. Usually empty.
    /// </summary>
    public string? WrittenIds { get; set; }

    /// <summary>8-byte little-endian hashes as base64 (the checkpoint's compact form); null for none.</summary>
    public static string? EncodeIds(IReadOnlyCollection<ulong> hashes)
    {
        if (hashes.Count == 0)
        {
            return null;
        }

        var bytes = new byte[hashes.Count * 8];
        var i = 0;
        foreach (var hash in hashes)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i), hash);
            i += 8;
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>The hashes <see cref="EncodeIds"/> wrote.</summary>
    public static ulong[] DecodeIds(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return [];
        }

        var bytes = Convert.FromBase64String(encoded);
        var hashes = new ulong[bytes.Length / 8];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
        }

        return hashes;
    }
}

using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;

namespace AuditInfra.Investigation.Reading;

/// <summary>
/// A part of one object's kept records, in line order, with the lines and damage skipped in that part. An object
/// comes as one part or, when it is big, as several in order; the last has <see cref="Complete"/> set, and only then
/// has the object been read to its end (or to its damage). Counts and bytes are those of this part.
/// </summary>
/// <param name="Problems">The first few problems of this part (<see cref="ObjectRecords.MaxProblemsPerPart"/>); all are counted in <see cref="MalformedLines"/> or as damage.</param>
/// <param name="MalformedLines">Lines of this part that were not valid records.</param>
/// <param name="Complete">True on the object's last part.</param>
public sealed record ObjectRecords<T>(
    DeliveryObject Object,
    IReadOnlyList<T> Records,
    long RecordCount,
    long StoredBytes,
    long UncompressedBytes,
    IReadOnlyList<DeliveryProblem> Problems,
    long MalformedLines,
    bool Complete)
{
    public DateOnly Day => Object.Key.Day ?? DateOnly.MinValue;
}

/// <summary>Limits of <see cref="ObjectRecords{T}"/>.</summary>
public static class ObjectRecords
{
    /// <summary>
    /// Malformed lines kept with their location per part (all are counted): 20 M bad lines in a 38 KB object must
    /// cost a counter, not 20 M problems.
    /// </summary>
    public const int MaxProblemsPerPart = 20;

    /// <summary>
    /// Kept records after which an object's records are handed on as a part while the object is still read: a
    /// decompression bomb of valid records costs a few parts per object read ahead, not the object.
    /// </summary>
    public const int PartRecords = 4096;
}

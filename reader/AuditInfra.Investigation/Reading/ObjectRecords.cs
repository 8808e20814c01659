using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;

namespace AuditInfra.Investigation.Reading;

/// <summary>The kept records of one object, in line order, with the lines and damage that were skipped.</summary>
public sealed record ObjectRecords<T>(
    DeliveryObject Object,
    IReadOnlyList<T> Records,
    long RecordCount,
    long StoredBytes,
    long UncompressedBytes,
    IReadOnlyList<DeliveryProblem> Problems)
{
    public DateOnly Day => Object.Key.Day ?? DateOnly.MinValue;
}

using System.Text;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Verification;

/// <summary>One worker's counts; merged into the summary at the end so the hot path never shares a counter.</summary>
internal sealed class VerifyTally
{
    /// <summary>Distinct codes outside the catalog that are counted by name; beyond that they are lumped together.</summary>
    private const int MaxDistinctCodes = 10_000;
    private const string OtherCodes = "(other unknown codes)";

    private readonly Dictionary<string, long> _byCode = new(StringComparer.Ordinal);

    public long Objects { get; set; }

    public long EmptyObjects { get; set; }

    public long Probes { get; set; }

    public long FolderMarkers { get; set; }

    public long Unexpected { get; set; }

    public long Records { get; set; }

    public long StoredBytes { get; set; }

    public long UncompressedBytes { get; set; }

    public long[] ByCategory { get; } = new long[3];

    public Dictionary<(DeliveryPartition, DateOnly), long> ObjectsPerDay { get; } = [];

    public IReadOnlyDictionary<string, long> ByCode => _byCode;

    public void CountCode(EventCode? entry, ReadOnlySpan<byte> codeUtf8)
    {
        if (entry is not null)
        {
            _byCode[entry.Code] = _byCode.GetValueOrDefault(entry.Code) + 1;
            return;
        }

        Span<char> chars = stackalloc char[256];
        var code = codeUtf8.Length <= 256 && Encoding.UTF8.TryGetChars(codeUtf8, chars, out var n) ? chars[..n] : OtherCodes.AsSpan();
        var lookup = _byCode.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(code, out var count))
        {
            lookup[code] = count + 1;
        }
        else
        {
            _byCode[_byCode.Count < MaxDistinctCodes ? code.ToString() : OtherCodes] = _byCode.GetValueOrDefault(OtherCodes) + 1;
        }
    }

    public void MergeInto(VerifyTally total)
    {
        total.Objects += Objects;
        total.EmptyObjects += EmptyObjects;
        total.Probes += Probes;
        total.FolderMarkers += FolderMarkers;
        total.Unexpected += Unexpected;
        total.Records += Records;
        total.StoredBytes += StoredBytes;
        total.UncompressedBytes += UncompressedBytes;
        for (var i = 0; i < ByCategory.Length; i++)
        {
            total.ByCategory[i] += ByCategory[i];
        }

        foreach (var (code, count) in _byCode)
        {
            total._byCode[code] = total._byCode.GetValueOrDefault(code) + count;
        }

        foreach (var (day, count) in ObjectsPerDay)
        {
            total.ObjectsPerDay[day] = total.ObjectsPerDay.GetValueOrDefault(day) + count;
        }
    }
}

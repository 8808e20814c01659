using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Verification;

/// <summary>One worker's counts; merged into the summary at the end so the hot path never shares a counter.</summary>
internal sealed class VerifyTally
{
    public VerifyTally(EventCatalog catalog)
    {
        Codes = new CodeCounter(catalog);
    }

    public CodeCounter Codes { get; }

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

    /// <summary>Adds this worker's counts to <paramref name="total"/>; per-code counts go to <paramref name="byCode"/>.</summary>
    public void MergeInto(VerifyTally total, Dictionary<string, long> byCode)
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

        foreach (var (code, count) in Codes.Counts())
        {
            byCode[code] = byCode.GetValueOrDefault(code) + count;
        }

        foreach (var (day, count) in ObjectsPerDay)
        {
            total.ObjectsPerDay[day] = total.ObjectsPerDay.GetValueOrDefault(day) + count;
        }
    }
}

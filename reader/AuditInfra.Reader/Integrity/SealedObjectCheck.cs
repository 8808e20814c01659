using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Store;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Integrity;

/// <summary>
/// Compares one sealed period's digests with the versions the store holds now: <c>object_deleted</c> (a sealed
/// version is gone or hidden by a delete marker), <c>object_modified</c> (a newer version, or different size, ETag or
/// SHA-256), and for objects no digest lists <c>late_object</c> (arrived after sealing, within the sealer's late
/// window: the next seal adds an addendum) or <c>object_injected</c> (present at sealing but not listed, or written
/// after the late window).
/// </summary>
internal sealed class SealedObjectCheck(HashingLogSource hashes, FindingCollector findings)
{
    /// <param name="period">The period.</param>
    /// <param name="digests">Its valid digests (at least one).</param>
    /// <param name="versions">Every version of every delivery key of the period, by key.</param>
    /// <param name="cancellationToken">Cancels reading an object that must be hashed again.</param>
    public async Task CheckAsync(SealPeriod period, IReadOnlyList<SignedDigest> digests, IReadOnlyDictionary<string, List<StoredVersion>> versions, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, (SealedObject Entry, string Digest)>(StringComparer.Ordinal);
        foreach (var digest in digests.OrderBy(d => d.Content.Sequence))
        {
            foreach (var entry in digest.Content.Objects)
            {
                listed.TryAdd(entry.Key, (entry, digest.Key));
            }
        }

        foreach (var (key, (entry, digestKey)) in listed)
        {
            var all = versions.GetValueOrDefault(key) ?? [];
            await CheckListedAsync(entry, digestKey, all, cancellationToken);
        }

        var sealedAt = digests.Max(d => d.Content.CreatedAt);
        var window = digests.MinBy(d => d.Content.Sequence)!.Content.LateWindow;
        foreach (var (key, all) in versions)
        {
            if (listed.ContainsKey(key) || all.FirstOrDefault(v => v.IsLatest) is not { IsDeleteMarker: false } current)
            {
                continue;
            }

            if (current.LastModified <= sealedAt)
            {
                findings.Add(new Finding(FindingKind.ObjectInjected, key, null,
                    $"written {Show(current.LastModified)}, before period {period} was sealed ({Show(sealedAt)}), but listed in no digest"));
            }
            else if (current.LastModified <= period.End + window)
            {
                findings.Add(new Finding(FindingKind.LateObject, key, null,
                    $"arrived {Show(current.LastModified)}, after period {period} was sealed ({Show(sealedAt)}) but within the late window of {window.TotalHours:0.##} h; the next seal adds it in an addendum"));
            }
            else
            {
                findings.Add(new Finding(FindingKind.ObjectInjected, key, null,
                    $"written {Show(current.LastModified)} into period {period}, sealed {Show(sealedAt)}, later than the late window of {window.TotalHours:0.##} h allows"));
            }
        }
    }

    private async Task CheckListedAsync(SealedObject entry, string digestKey, List<StoredVersion> all, CancellationToken cancellationToken)
    {
        var current = all.FirstOrDefault(v => v.IsLatest);
        if (entry.VersionId is { } sealedVersion)
        {
            if (!all.Any(v => v.VersionId == sealedVersion && !v.IsDeleteMarker))
            {
                findings.Add(new Finding(FindingKind.ObjectDeleted, entry.Key, null, $"version {sealedVersion}, sealed in {digestKey}, no longer exists"));
                return;
            }

            if (current is null || current.IsDeleteMarker)
            {
                findings.Add(new Finding(FindingKind.ObjectDeleted, entry.Key, null, $"hidden by a delete marker; the sealed version {sealedVersion} ({digestKey}) still exists"));
                return;
            }

            if (current.VersionId != sealedVersion)
            {
                findings.Add(new Finding(FindingKind.ObjectModified, entry.Key, null, $"overwritten: version {current.VersionId} replaced version {sealedVersion} sealed in {digestKey}"));
                return;
            }
        }
        else if (current is null || current.IsDeleteMarker)
        {
            findings.Add(new Finding(FindingKind.ObjectDeleted, entry.Key, null, $"sealed in {digestKey}, no longer exists"));
            return;
        }

        var hash = current.Size == 0 ? ObjectHash.Empty
            : hashes.Hashes.TryGetValue(entry.Key, out var read) ? read
            : await hashes.HashWholeAsync(new LogObjectInfo(entry.Key, current.Size, current.LastModified, current.VersionId), cancellationToken);
        var differences = new List<string>();
        if (current.Size != entry.Size || hash.Bytes != entry.Size)
        {
            differences.Add($"size {current.Size} (sealed {entry.Size})");
        }

        if (entry.ETag is not null && current.ETag != entry.ETag)
        {
            differences.Add($"ETag {current.ETag} (sealed {entry.ETag})");
        }

        if (hash.Sha256 != entry.Sha256)
        {
            differences.Add($"SHA-256 {hash.Sha256} (sealed {entry.Sha256})");
        }

        if (differences.Count > 0)
        {
            findings.Add(new Finding(FindingKind.ObjectModified, entry.Key, null, $"differs from what {digestKey} sealed: {string.Join(", ", differences)}"));
        }
    }

    private static string Show(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Integrity.Store;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Integrity;

/// <summary>
/// <c>chain_broken</c>: every valid digest must name the stream's digest before it — present, with the signature hash
/// it names, one sequence number lower — and no two digests may name the same predecessor. A predecessor outside the
/// checked days is fetched by key; one that is gone is <c>digest_missing</c> (unless its period was already reported).
/// </summary>
internal static class ChainCheck
{
    public static async Task RunAsync(
        IIntegrityStore store, DeliveryPartition stream, StreamDigests digests, ISet<SealPeriod> reportedMissing, TrustedKeys keys,
        FindingCollector findings, CancellationToken cancellationToken)
    {
        var successors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var digest in digests.ValidByKey.Values.ToList().OrderBy(d => d.Content.Sequence))
        {
            var c = digest.Content;
            if (c.Previous is null)
            {
                if (c.Sequence != 1)
                {
                    findings.Add(new Finding(FindingKind.ChainBroken, digest.Key, null, $"names no predecessor but is number {c.Sequence} of its chain"));
                }

                continue;
            }

            if (successors.TryGetValue(c.Previous.Key, out var other))
            {
                findings.Add(new Finding(FindingKind.ChainBroken, digest.Key, null, $"names the same predecessor {c.Previous.Key} as {other} (a fork)"));
                continue;
            }

            successors[c.Previous.Key] = digest.Key;
            if (!c.Previous.Key.StartsWith(DigestKeys.StreamFolder(stream), StringComparison.Ordinal))
            {
                findings.Add(new Finding(FindingKind.ChainBroken, digest.Key, null, $"names a predecessor outside its stream: {c.Previous.Key}"));
                continue;
            }

            var wasInvalid = digests.InvalidKeys.Contains(c.Previous.Key);
            var previous = await digests.TryReadAsync(store, c.Previous.Key, stream, keys, findings, cancellationToken);
            if (previous is null)
            {
                if (!wasInvalid && !digests.InvalidKeys.Contains(c.Previous.Key) && !IsReported(c.Previous.Key, reportedMissing))
                {
                    findings.Add(new Finding(FindingKind.DigestMissing, c.Previous.Key, null, $"named as its predecessor by {digest.Key}, but not found"));
                }

                continue;
            }

            if (previous.Link.SignatureSha256 != c.Previous.SignatureSha256)
            {
                findings.Add(new Finding(FindingKind.ChainBroken, digest.Key, null,
                    $"its predecessor {c.Previous.Key} has signature hash {previous.Link.SignatureSha256}, not {c.Previous.SignatureSha256} as named"));
            }
            else if (previous.Content.Sequence != c.Sequence - 1)
            {
                findings.Add(new Finding(FindingKind.ChainBroken, digest.Key, null,
                    $"is number {c.Sequence} but its predecessor {c.Previous.Key} is number {previous.Content.Sequence}"));
            }
        }
    }

    private static bool IsReported(string key, ISet<SealPeriod> reportedMissing) =>
        DigestKeys.TryParse(key, out var period, out _) && reportedMissing.Contains(period);
}

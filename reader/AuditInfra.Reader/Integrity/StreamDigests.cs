using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Integrity.Store;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Integrity;

/// <summary>
/// The digests of one stream in the checked days, read and checked one by one: well-formed, signed by a trusted key,
/// and about the stream and period their key names. A digest that fails is <c>digest_invalid</c> and takes no further
/// part (its period is not judged by it, and a link to it is not judged either, so one fault gives one finding).
/// </summary>
internal sealed class StreamDigests
{
    /// <summary>Digests fetched at once: they are small, so the time is request latency.</summary>
    private const int ParallelReads = 16;

    public Dictionary<SealPeriod, List<SignedDigest>> ValidByPeriod { get; } = [];

    public Dictionary<string, SignedDigest> ValidByKey { get; } = new(StringComparer.Ordinal);

    public HashSet<string> InvalidKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Periods with any digest key at all, valid or not.</summary>
    public HashSet<SealPeriod> PeriodsWithDigests { get; } = [];

    public static async Task<StreamDigests> LoadAsync(
        IIntegrityStore store, Sources.ILogSource source, DeliveryPartition stream, DateOnly from, DateOnly to, TrustedKeys keys,
        FindingCollector findings, CancellationToken cancellationToken)
    {
        var result = new StreamDigests();
        var entries = new List<DigestEntry>();
        await foreach (var entry in DigestIndex.DaysAsync(
            source, stream, from, to, stray => findings.Add(new Finding(FindingKind.DigestInvalid, stray.Key, null, "not a digest: the name does not follow the digest layout")), cancellationToken))
        {
            entries.Add(entry);
            result.PeriodsWithDigests.Add(entry.Period);
        }

        // Fetched in parallel (S3 latency, one small GET each), then checked in key order.
        var files = new (byte[]? Bytes, DigestFormatException? TooLarge)[entries.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, entries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => files[i] = await FetchAsync(store, entries[i].Key, ct));
        for (var i = 0; i < entries.Count; i++)
        {
            if (result.Accept(entries[i].Key, files[i].Bytes, files[i].TooLarge, stream, keys, findings) is { } digest && digest.Content.Period == entries[i].Period)
            {
                (result.ValidByPeriod.TryGetValue(entries[i].Period, out var list) ? list : result.ValidByPeriod[entries[i].Period] = []).Add(digest);
            }
        }

        return result;
    }

    /// <summary>Reads and checks one digest; null (and a finding) when it is invalid, null without a finding when it does not exist.</summary>
    public async Task<SignedDigest?> TryReadAsync(
        IIntegrityStore store, string key, DeliveryPartition stream, TrustedKeys keys, FindingCollector findings, CancellationToken cancellationToken)
    {
        if (ValidByKey.TryGetValue(key, out var known))
        {
            return known;
        }

        if (InvalidKeys.Contains(key))
        {
            return null;
        }

        var (bytes, tooLarge) = await FetchAsync(store, key, cancellationToken);
        return Accept(key, bytes, tooLarge, stream, keys, findings);
    }

    private static async Task<(byte[]? Bytes, DigestFormatException? TooLarge)> FetchAsync(IIntegrityStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.ReadSmallAsync(key, DigestCodec.MaxDigestBytes, cancellationToken), null);
        }
        catch (DigestFormatException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>Checks one fetched digest; null (and a finding) when invalid, null without a finding when it does not exist.</summary>
    private SignedDigest? Accept(string key, byte[]? bytes, DigestFormatException? tooLarge, DeliveryPartition stream, TrustedKeys keys, FindingCollector findings)
    {
        try
        {
            if (tooLarge is not null)
            {
                throw tooLarge;
            }

            if (bytes is null)
            {
                return null;
            }

            var digest = DigestCodec.Read(key, bytes, keys);
            var c = digest.Content;
            if (c.Stream.Stream != stream.Stream || c.Stream.Account != stream.Account || c.Stream.Cluster != stream.Cluster)
            {
                throw new DigestFormatException($"it is about stream {c.Stream} but filed under {DigestKeys.StreamFolder(stream)}");
            }

            if (DigestKeys.Key(stream, c.Period, c.Sequence) != key)
            {
                throw new DigestFormatException($"its period {c.Period} and sequence {c.Sequence} do not match its key");
            }

            ValidByKey[key] = digest;
            return digest;
        }
        catch (DigestFormatException ex)
        {
            InvalidKeys.Add(key);
            findings.Add(new Finding(FindingKind.DigestInvalid, key, null, ex.Message));
            return null;
        }
    }
}

using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Integrity.Store;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity;

/// <summary>
/// <c>auditinfra seal</c>: for every stream and every closed period in a range of days that has no digest yet, writes
/// one signed digest listing every delivery object of the period (none for an empty period); for sealed periods,
/// writes an addendum for objects that arrived after the period's digest but within the late window. Digests of a
/// stream form a chain in the order they are written (each names its predecessor's key and signature hash).
/// </summary>
/// <remarks>
/// Idempotent and crash-safe: all objects are read before the first digest is written; each stream's new digests are then
/// written in chain order, each whole or not at all and never before its predecessor
/// (<see cref="IIntegrityStore.CreateChainAsync"/>), extending the chain head found by listing. A run killed at any point leaves a whole chain, and the next run seals what is still missing.
/// One sealer per bucket at a time (a scheduled job that does not overlap itself).
/// </remarks>
public sealed class Sealer
{
    private readonly ReaderSettings _settings;
    private readonly DigestSigner _signer;
    private readonly TimeProvider _clock;
    private readonly object _signing = new();

    public Sealer(ReaderSettings settings, DigestSigner signer, TimeProvider? clock = null)
    {
        _settings = settings;
        _signer = signer;
        _clock = clock ?? TimeProvider.System;
    }

    /// <exception cref="LogSourceException">The source cannot be listed, read or written, or a chain head cannot be read.</exception>
    public async Task<SealResult> RunAsync(ILogSource source, SealOptions options, CancellationToken cancellationToken = default)
    {
        if (options.To < options.From)
        {
            throw new ArgumentException($"the range ends ({options.To:yyyy-MM-dd}) before it starts ({options.From:yyyy-MM-dd})");
        }

        var store = IntegrityStores.For(source);
        var layout = new DeliveryLayout(_settings.Path);
        var now = _clock.GetUtcNow();
        var (delivered, streams) = await ListDeliveryAsync(source, layout, options, cancellationToken);

        var plans = new List<StreamPlan>();
        var alreadySealed = 0;
        var notSealed = new List<string>();
        foreach (var stream in streams.OrderBy(s => s.Prefix, StringComparer.Ordinal).ThenBy(s => s.Stream))
        {
            var plan = await PlanAsync(source, store, stream, delivered.GetValueOrDefault(stream), options, now, notSealed, cancellationToken);
            alreadySealed += plan.AlreadySealed;
            plans.Add(plan);
        }

        var reader = new ObjectSealReader(_settings, store, source);
        var entries = await reader.ReadAsync(plans.SelectMany(p => p.Pending).SelectMany(d => d.Objects), cancellationToken);

        // Streams are independent chains, written side by side; within a chain, one digest after the other.
        var chains = new (List<string> Keys, int Addenda, int Empty)[plans.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plans.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => chains[i] = await WriteChainAsync(store, plans[i], entries, options, ct));
        var written = chains.SelectMany(c => c.Keys).ToList();
        int addenda = chains.Sum(c => c.Addenda), empty = chains.Sum(c => c.Empty);

        return new SealResult(
            plans.Count, written.Count, addenda, empty, alreadySealed, entries.Count, entries.Values.Sum(e => e.Size), notSealed, written);
    }

    private async Task<(List<string> Keys, int Addenda, int Empty)> WriteChainAsync(
        IIntegrityStore store, StreamPlan plan, IReadOnlyDictionary<string, SealedObject> entries, SealOptions options, CancellationToken cancellationToken)
    {
        var files = new List<DigestFile>();
        int addenda = 0, empty = 0;
        var previous = plan.Head;
        var sequence = plan.HeadSequence;
        foreach (var pending in plan.Pending)
        {
            var objects = pending.Objects.Select(o => entries.GetValueOrDefault(o.Key.Key)).OfType<SealedObject>()
                .OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
            if (pending.Addendum && objects.Count == 0)
            {
                continue; // the late objects vanished again before they were read: nothing to add
            }

            sequence++;
            var key = DigestKeys.Key(plan.Stream, pending.Period, sequence);
            var digest = new Digest(plan.Stream, pending.Period, sequence, pending.Addendum, _clock.GetUtcNow(), options.LateWindow, _signer.KeyId, previous, objects);
            byte[] file;
            lock (_signing)
            {
                file = DigestCodec.Write(digest, _signer); // one key object serves every chain
            }

            previous = DigestCodec.Read(key, file, null).Link;
            files.Add(new DigestFile(key, file));
            addenda += pending.Addendum ? 1 : 0;
            empty += objects.Count == 0 ? 1 : 0;
        }

        await store.CreateChainAsync(files, cancellationToken);
        return (files.ConvertAll(f => f.Key), addenda, empty);
    }

    private async Task<(Dictionary<DeliveryPartition, Dictionary<SealPeriod, List<DeliveryObject>>> Delivered, HashSet<DeliveryPartition> Streams)> ListDeliveryAsync(
        ILogSource source, DeliveryLayout layout, SealOptions options, CancellationToken cancellationToken)
    {
        var delivered = new Dictionary<DeliveryPartition, Dictionary<SealPeriod, List<DeliveryObject>>>();
        var walker = new DeliveryWalker(source, layout);
        await foreach (var item in walker.WalkAsync(options.From, options.To, cancellationToken))
        {
            if (item.Key.Kind != KeyKind.Delivery)
            {
                continue; // probes and stray keys are not deliveries; verify reports the stray ones
            }

            var byPeriod = delivered.TryGetValue(item.Key.Partition!, out var found) ? found : delivered[item.Key.Partition!] = [];
            var period = SealPeriod.Of(item.Key, options.Length);
            (byPeriod.TryGetValue(period, out var list) ? list : byPeriod[period] = []).Add(item);
        }

        var streams = new HashSet<DeliveryPartition>(walker.Partitions);
        streams.UnionWith(delivered.Keys);
        await foreach (var stream in DigestIndex.StreamsAsync(source, layout, cancellationToken))
        {
            streams.Add(stream);
        }

        return (delivered, streams);
    }

    private async Task<StreamPlan> PlanAsync(
        ILogSource source, IIntegrityStore store, DeliveryPartition stream, Dictionary<SealPeriod, List<DeliveryObject>>? delivered,
        SealOptions options, DateTimeOffset now, List<string> notSealed, CancellationToken cancellationToken)
    {
        var chain = new List<DigestEntry>();
        await foreach (var entry in DigestIndex.ChainAsync(source, stream, ct: cancellationToken))
        {
            chain.Add(entry);
        }

        var plan = new StreamPlan(stream);
        if (chain.Count > 0)
        {
            var head = chain.MaxBy(e => e.Sequence)!;
            plan.HeadSequence = head.Sequence;
            plan.Head = (await ReadOwnAsync(store, head.Key, cancellationToken)).Link;
        }

        var sealedPeriods = chain.GroupBy(e => e.Period).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var period in SealPeriod.InDays(options.From, options.To, options.Length))
        {
            if (period.End + options.Delay > now)
            {
                break;
            }

            var found = delivered?.GetValueOrDefault(period) ?? [];
            if (!sealedPeriods.TryGetValue(period, out var digests))
            {
                plan.Pending.Add(new PendingDigest(period, false, found));
                continue;
            }

            plan.AlreadySealed++;
            // Only objects written since the period's newest digest can be missing from its digests (second
            // granularity on S3, hence the equal case); reading the digests is skipped when there are none.
            var newest = digests.Max(d => d.Written);
            var candidates = found.Where(o => o.Info.LastModified >= newest.AddSeconds(-1)).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var digest in digests)
            {
                listed.UnionWith((await ReadOwnAsync(store, digest.Key, cancellationToken)).Content.Objects.Select(o => o.Key));
            }

            var late = candidates.Where(o => !listed.Contains(o.Key.Key)).ToList();
            var inWindow = late.Where(o => o.Info.LastModified <= period.End + options.LateWindow).ToList();
            notSealed.AddRange(late.Except(inWindow).Select(o => o.Key.Key));
            if (inWindow.Count > 0)
            {
                plan.Pending.Add(new PendingDigest(period, true, inWindow));
            }
        }

        return plan;
    }

    /// <summary>A digest this sealer's chain builds on, parsed without a trust check (it may be signed by an earlier key).</summary>
    private static async Task<SignedDigest> ReadOwnAsync(IIntegrityStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await store.ReadSmallAsync(key, DigestCodec.MaxDigestBytes, cancellationToken)
                ?? throw new DigestFormatException("it was listed but cannot be found");
            return DigestCodec.Read(key, bytes, null);
        }
        catch (DigestFormatException ex)
        {
            throw new LogSourceException($"cannot continue the digest chain: {key} is unreadable ({ex.Message}); run verify --integrity to see what happened", "DigestUnreadable", ex);
        }
    }

    private sealed record PendingDigest(SealPeriod Period, bool Addendum, List<DeliveryObject> Objects);

    private sealed class StreamPlan(DeliveryPartition stream)
    {
        public DeliveryPartition Stream { get; } = stream;

        public DigestLink? Head { get; set; }

        public long HeadSequence { get; set; }

        public int AlreadySealed { get; set; }

        public List<PendingDigest> Pending { get; } = [];
    }
}

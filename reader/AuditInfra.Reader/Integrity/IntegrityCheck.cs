using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Integrity.Store;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Verification;
using AuditInfra.Reader.Verification.Checks;

namespace AuditInfra.Reader.Integrity;

/// <summary>
/// <c>verify --integrity</c>: after the ordinary checks have read every object (hashing it on the way, through
/// <see cref="HashingLogSource"/>), compares each stream's digests for the checked days with what the bucket holds.
/// Findings: <c>digest_missing</c>, <c>digest_invalid</c>, <c>chain_broken</c>, <c>object_deleted</c>,
/// <c>object_modified</c>, <c>object_injected</c>, <c>late_object</c>. Periods without a valid digest are reported
/// once (missing or invalid) and their objects are not judged, so one fault gives one finding.
/// </summary>
public sealed class IntegrityCheck : IAsyncCompletionCheck
{
    private readonly HashingLogSource _source;
    private readonly IIntegrityStore _store;
    private readonly TrustedKeys _keys;
    private readonly IntegrityOptions _options;
    private readonly DeliveryLayout _layout;
    private readonly TimeProvider _clock;

    /// <param name="source">The source the verifier reads, wrapped so every object read is hashed.</param>
    /// <param name="keys">The sealer's public keys.</param>
    /// <param name="options">Period length and grace.</param>
    /// <param name="customPath">The destination's custom path, if any.</param>
    /// <param name="clock">The clock that decides which periods have closed.</param>
    public IntegrityCheck(HashingLogSource source, TrustedKeys keys, IntegrityOptions options, string? customPath, TimeProvider? clock = null)
    {
        _source = source;
        _store = IntegrityStores.For(source.Inner);
        _keys = keys;
        _options = options;
        _layout = new DeliveryLayout(customPath);
        _clock = clock ?? TimeProvider.System;
    }

    public async Task CompleteAsync(DateOnly from, DateOnly to, IReadOnlyList<DeliveryPartition> partitions, FindingCollector findings, CancellationToken cancellationToken)
    {
        var streams = new HashSet<DeliveryPartition>(partitions);
        await foreach (var stream in DigestIndex.StreamsAsync(_source, _layout, cancellationToken))
        {
            streams.Add(stream);
        }

        foreach (var stream in streams.OrderBy(s => s.Prefix, StringComparer.Ordinal).ThenBy(s => s.Stream))
        {
            await CheckStreamAsync(stream, from, to, findings, cancellationToken);
        }
    }

    private async Task CheckStreamAsync(DeliveryPartition stream, DateOnly from, DateOnly to, FindingCollector findings, CancellationToken cancellationToken)
    {
        var digests = await StreamDigests.LoadAsync(_store, _source, stream, from, to, _keys, findings, cancellationToken);
        var now = _clock.GetUtcNow();
        var missing = new HashSet<SealPeriod>();
        foreach (var period in SealPeriod.InDays(from, to, _options.Length))
        {
            if (period.End + _options.Grace <= now && !digests.PeriodsWithDigests.Contains(period))
            {
                missing.Add(period);
                findings.Add(new Finding(FindingKind.DigestMissing, DigestKeys.PeriodPrefix(stream, period), null,
                    $"period {period} of {stream} closed {period.End.UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm'Z'} and has no digest"));
            }
        }

        await ChainCheck.RunAsync(_store, stream, digests, missing, _keys, findings, cancellationToken);

        var versions = await VersionsByPeriodAsync(stream, from, to, cancellationToken);
        var objects = new SealedObjectCheck(_source, findings);
        foreach (var (period, list) in digests.ValidByPeriod)
        {
            await objects.CheckAsync(period, list, versions.GetValueOrDefault(period) ?? [], cancellationToken);
        }
    }

    /// <summary>Every version of every delivery key of the stream in the days, grouped by period and key.</summary>
    private async Task<Dictionary<SealPeriod, Dictionary<string, List<StoredVersion>>>> VersionsByPeriodAsync(
        DeliveryPartition stream, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var result = new Dictionary<SealPeriod, Dictionary<string, List<StoredVersion>>>();
        IEnumerable<string> prefixes = _layout.CustomPath is { } path
            ? [path]
            : Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => stream.Prefix + DeliveryLayout.DayFolder(from.AddDays(i)));
        foreach (var prefix in prefixes)
        {
            await foreach (var version in _store.ListVersionsAsync(prefix, cancellationToken))
            {
                var key = _layout.Parse(version.Key, version.IsDeleteMarker ? 1 : version.Size);
                if (key.Kind != KeyKind.Delivery || key.Partition != stream || key.Day < from || key.Day > to)
                {
                    continue;
                }

                var byKey = result.TryGetValue(SealPeriod.Of(key, _options.Length), out var found) ? found : result[SealPeriod.Of(key, _options.Length)] = new(StringComparer.Ordinal);
                (byKey.TryGetValue(version.Key, out var list) ? list : byKey[version.Key] = []).Add(version);
            }
        }

        return result;
    }
}

using System.Runtime.CompilerServices;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>One digest key as listed: where it is, its period and chain sequence (from the name), and when it was written.</summary>
public sealed record DigestEntry(string Key, SealPeriod Period, long Sequence, DateTimeOffset Written);

/// <summary>
/// Finds digests by listing keys (no digest is read here): the streams that have any, a stream's whole chain, or
/// the digests of some days. Keys under the digest folder whose names are not digest names come back through
/// <c>onStray</c> so they are reported, not dropped.
/// </summary>
public static class DigestIndex
{
    /// <summary>The streams with a digest folder, as delivery partitions (prefixes as the walker builds them).</summary>
    public static async IAsyncEnumerable<DeliveryPartition> StreamsAsync(ILogSource source, DeliveryLayout layout, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var top in source.ListAsync(DigestKeys.Root, recursive: false, ct))
        {
            if (top.Prefix is not { } topPrefix)
            {
                continue;
            }

            var name = Segment(topPrefix);
            if (name == "path")
            {
                if (layout.CustomPath is null)
                {
                    continue;
                }

                await foreach (var type in source.ListAsync(topPrefix, recursive: false, ct))
                {
                    if (type.Prefix is { } p && StreamTypes.Parse(Segment(p)) is { } customStream)
                    {
                        yield return new DeliveryPartition(customStream, string.Empty, null) { Prefix = layout.CustomPath };
                    }
                }

                continue;
            }

            if (StreamTypes.Parse(name) is not { } stream || layout.CustomPath is not null)
            {
                continue;
            }

            await foreach (var account in source.ListAsync(topPrefix, recursive: false, ct))
            {
                if (account.Prefix is not { } accountPrefix)
                {
                    continue;
                }

                var accountName = Segment(accountPrefix);
                var basePrefix = $"{name}/{StreamTypes.LogType}/{accountName}/";
                if (stream == StreamType.AuditLogs)
                {
                    yield return new DeliveryPartition(stream, accountName, null) { Prefix = basePrefix };
                    continue;
                }

                await foreach (var cluster in source.ListAsync(accountPrefix, recursive: false, ct))
                {
                    if (cluster.Prefix is { } clusterPrefix && DeliveryLayout.IsClusterPartition(Segment(clusterPrefix)))
                    {
                        yield return new DeliveryPartition(stream, accountName, Segment(clusterPrefix)) { Prefix = basePrefix + Segment(clusterPrefix) + "/" };
                    }
                }
            }
        }
    }

    /// <summary>Every digest of a stream (its whole chain), in key order.</summary>
    public static IAsyncEnumerable<DigestEntry> ChainAsync(ILogSource source, DeliveryPartition stream, Action<LogObjectInfo>? onStray = null, CancellationToken ct = default) =>
        ParsedAsync(source, DigestKeys.StreamFolder(stream), DigestKeys.StreamFolder(stream), onStray, ct);

    /// <summary>The digests of a stream filed under the days <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static async IAsyncEnumerable<DigestEntry> DaysAsync(
        ILogSource source, DeliveryPartition stream, DateOnly from, DateOnly to, Action<LogObjectInfo>? onStray = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            await foreach (var entry in ParsedAsync(source, DigestKeys.DayFolder(stream, day), DigestKeys.StreamFolder(stream), onStray, ct))
            {
                yield return entry;
            }
        }
    }

    private static async IAsyncEnumerable<DigestEntry> ParsedAsync(
        ILogSource source, string prefix, string streamFolder, Action<LogObjectInfo>? onStray, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in source.ListAsync(prefix, recursive: true, ct))
        {
            var item = entry.Object!;
            if (DigestKeys.TryParse(item.Key, out var period, out var sequence) && item.Key.StartsWith(streamFolder + DeliveryLayout.DayFolder(period.Day), StringComparison.Ordinal))
            {
                yield return new DigestEntry(item.Key, period, sequence, item.LastModified);
            }
            else
            {
                onStray?.Invoke(item);
            }
        }
    }

    private static string Segment(string prefix)
    {
        var trimmed = prefix.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}

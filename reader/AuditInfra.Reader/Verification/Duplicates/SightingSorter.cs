using System.Buffers;
using System.Numerics;

namespace AuditInfra.Reader.Verification.Duplicates;

/// <summary>
/// Sorts sightings into (hash, object, line) order, the order <see cref="Sighting.Compare"/> defines, by their hash's
/// leading bits first: one in-place distribution pass (American flag sort) into about one bucket per sighting, then
/// each bucket by <see cref="Sighting.Compare"/> (insertion sort when small). The hash is a uniform 128-bit XxHash,
/// so buckets hold one or two sightings and the whole sort is two linear passes. A general comparison sort spent
/// ~5% of verify's CPU here (a comparer call per comparison, n log n of them).
/// </summary>
/// <remarks>
/// Copies of one identity share their hash and so one bucket, however many there are (a delivery may repeat a
/// record any number of times): a bucket past <see cref="InsertionLimit"/> is sorted by the span sort, so time stays
/// n log n in the worst case. The result equals <c>items.Sort()</c>'s: no two sightings share (object, line).
/// </remarks>
internal static class SightingSorter
{
    /// <summary>Below this the distribution pass costs more than it saves.</summary>
    private const int DistributeFrom = 64;

    private const int InsertionLimit = 16;

    /// <summary>At most 2^16 buckets (two 256 KiB count arrays, pooled): a shard holds about 40,000 sightings.</summary>
    private const int MaxBucketBits = 16;

    /// <summary>Sorts <paramref name="items"/> in place.</summary>
    /// <param name="items">The sightings.</param>
    /// <param name="equalLeadingBits">Leading bits of the hash every item shares (a shard's index): skipped, as they do not split.</param>
    public static void Sort(Span<Sighting> items, int equalLeadingBits)
    {
        if (items.Length < DistributeFrom)
        {
            SortBucket(items);
            return;
        }

        var bits = Math.Min(BitOperations.Log2((uint)items.Length), MaxBucketBits);
        var buckets = 1 << bits;
        var shift = 64 - bits;
        var ends = ArrayPool<int>.Shared.Rent(buckets);
        var next = ArrayPool<int>.Shared.Rent(buckets);
        try
        {
            var end = ends.AsSpan(0, buckets);
            var at = next.AsSpan(0, buckets);
            end.Clear();
            foreach (ref readonly var item in items)
            {
                end[Bucket(item, equalLeadingBits, shift)]++;
            }

            var sum = 0;
            for (var b = 0; b < buckets; b++)
            {
                at[b] = sum;
                sum += end[b];
                end[b] = sum;
            }

            // Each swap puts one sighting into its own bucket for good, so this pass is linear.
            for (var b = 0; b < buckets; b++)
            {
                while (at[b] < end[b])
                {
                    ref var here = ref items[at[b]];
                    var d = Bucket(here, equalLeadingBits, shift);
                    if (d == b)
                    {
                        at[b]++;
                        continue;
                    }

                    ref var there = ref items[at[d]++];
                    (here, there) = (there, here);
                }
            }

            var start = 0;
            for (var b = 0; b < buckets; b++)
            {
                if (end[b] - start > 1)
                {
                    SortBucket(items[start..end[b]]);
                }

                start = end[b];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ends);
            ArrayPool<int>.Shared.Return(next);
        }
    }

    private static int Bucket(in Sighting item, int equalLeadingBits, int shift) =>
        (int)(((ulong)(item.Hash >> 64) << equalLeadingBits) >> shift);

    private static void SortBucket(Span<Sighting> items)
    {
        if (items.Length > InsertionLimit)
        {
            items.Sort();
            return;
        }

        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && Sighting.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }
}

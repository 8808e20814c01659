using System.Text;
using AuditInfra.Reader.Verification;
using AuditInfra.Reader.Verification.Duplicates;

namespace AuditInfra.Reader.Tests.Verification;

public class IdentityLedgerTests
{
    [Theory]
    [InlineData(64L << 20)] // everything in memory
    [InlineData(64L << 10)] // a tiny budget: many sorted runs spilled and merged
    public void Finds_every_repeat_with_its_first_place_in_memory_and_spilled(long budget)
    {
        using var ledger = new IdentityLedger(budget);
        const int Ids = 60_000;
        for (var i = 0; i < Ids; i++)
        {
            ledger.Add(Id(i), kubernetes: false, objectOrdinal: i / 1000, line: (i % 1000) + 1);
        }

        // Every 997th id again, in a later object, twice.
        for (var copy = 0; copy < 2; copy++)
        {
            for (var i = 0; i < Ids; i += 997)
            {
                ledger.Add(Id(i), kubernetes: false, objectOrdinal: 100 + copy, line: i + 1);
            }
        }

        var repeats = Repeats(ledger);
        Assert.Equal(budget < (1L << 20), ledger.Runs > 1);
        var expected = Enumerable.Range(0, Ids).Where(i => i % 997 == 0).ToList();
        Assert.Equal(2 * expected.Count, repeats.Count);
        foreach (var i in expected)
        {
            var forId = repeats.Where(r => r.Line == i + 1 && r.Object >= 100).OrderBy(r => r.Object).ToList();
            Assert.Equal([100, 101], forId.Select(r => r.Object));
            Assert.All(forId, r => Assert.Equal((i / 1000, (i % 1000) + 1), (r.FirstObject, r.FirstLine)));
            Assert.All(forId, r => Assert.Equal($"source \"/service/test\" id \"id-{i}\"", r.Identity));
        }
    }

    [Fact]
    public void Same_hash_with_another_identity_kind_is_not_a_repeat()
    {
        // Equal bytes hash alike; a Kubernetes identity with the bytes of a CloudEvents one is still another record,
        // so this takes the path a real hash collision takes: compared in full, not a duplicate.
        using var ledger = new IdentityLedger(64L << 10);
        ledger.Add(Id(1), kubernetes: false, 0, 1);
        ledger.Add(Id(1), kubernetes: true, 0, 2);
        ledger.Add(Id(1), kubernetes: true, 1, 1);
        var repeat = Assert.Single(Repeats(ledger));
        Assert.Equal((1, 1L, 0, 2L), (repeat.Object, repeat.Line, repeat.FirstObject, repeat.FirstLine));
        Assert.StartsWith("auditID \"/service/test\" stage \"id-1\"", repeat.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public void Identities_longer_than_kept_are_told_apart_by_hash_and_marked()
    {
        using var ledger = new IdentityLedger(64L << 10);
        var longA = Encoding.UTF8.GetBytes(new string('a', 5000) + "1");
        var longB = Encoding.UTF8.GetBytes(new string('a', 5000) + "2");
        ledger.Add(longA, false, 0, 1);
        ledger.Add(longB, false, 0, 2);
        ledger.Add(longA, false, 0, 3);
        var repeat = Assert.Single(Repeats(ledger));
        Assert.Equal((3L, 1L), (repeat.Line, repeat.FirstLine));
        Assert.True(repeat.ComparedByHash);
    }

    [Fact]
    public void Repeats_come_in_the_same_order_every_time_however_many_shards_merge_at_once()
    {
        // Shards merge side by side but hand their repeats on in shard order: with more repeats than a shard may hold
        // ahead (so merges wait for the caller), two runs over the same identities give the same sequence, and a
        // caller keeping only the first N findings keeps the same ones.
        List<RepeatedIdentity> Run()
        {
            using var ledger = new IdentityLedger(64L << 10);
            for (var copy = 0; copy < 3; copy++)
            {
                for (var i = 0; i < 20_000; i++)
                {
                    ledger.Add(Id(i), kubernetes: false, objectOrdinal: copy, line: i + 1);
                }
            }

            return Repeats(ledger);
        }

        var first = Run();
        Assert.Equal(40_000, first.Count);
        Assert.Equal(first, Run());
        Assert.All(first, r => Assert.Equal((0, r.Line), (r.FirstObject, r.FirstLine)));
    }

    [Fact]
    public void A_failing_caller_stops_the_merges_and_gets_its_exception()
    {
        using var ledger = new IdentityLedger(64L << 10);
        for (var copy = 0; copy < 2; copy++)
        {
            for (var i = 0; i < 30_000; i++)
            {
                ledger.Add(Id(i), kubernetes: false, objectOrdinal: copy, line: i + 1);
            }
        }

        var seen = 0;
        var failure = Assert.Throws<InvalidOperationException>(() => ledger.FindRepeats(_ =>
        {
            if (++seen == 5)
            {
                throw new InvalidOperationException("caller gave up");
            }
        }));
        Assert.Equal("caller gave up", failure.Message);
        Assert.Equal(5, seen);
    }

    [Fact]
    public void An_original_still_in_memory_comes_before_its_spilled_copies()
    {
        // Workers add objects in any order: here the copies (object 7) are added first and spilled, the originals
        // (object 2) last and still in memory when the spilled runs and memory are merged.
        using var ledger = new IdentityLedger(64L << 10);
        for (var i = 0; i < 20_000; i++)
        {
            ledger.Add(Id(i), kubernetes: false, objectOrdinal: 7, line: i + 1);
        }

        for (var i = 0; i < 20_000; i += 50)
        {
            ledger.Add(Id(i), kubernetes: false, objectOrdinal: 2, line: i + 1);
        }

        var repeats = Repeats(ledger);
        Assert.True(ledger.Runs > 1);
        Assert.Equal(400, repeats.Count);
        Assert.All(repeats, r => Assert.Equal((7, 2, r.Line), (r.Object, r.FirstObject, r.FirstLine)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(5_000)]
    [InlineData(70_000)]
    public void The_bucket_sort_orders_as_the_comparison_sort_does(int count)
    {
        // Shard-like input: the leading 4 hash bits shared, every 7th sighting a copy of an earlier hash (a repeat:
        // one bucket, ordered by object and line), one hash copied 500 times (a bucket past the insertion sort), and
        // hashes that differ only in their low 64 bits (one bucket, told apart by the full compare).
        var random = new Random(count);
        var items = new Sighting[count];
        for (var i = 0; i < count; i++)
        {
            var hash = new UInt128(((ulong)random.NextInt64() >> 4) | (0xAUL << 60), (ulong)random.NextInt64());
            if (i % 7 == 6)
            {
                hash = items[random.Next(i)].Hash;
            }
            else if (i % 11 == 10)
            {
                hash = new UInt128((ulong)(items[i - 1].Hash >> 64), (ulong)random.NextInt64());
            }
            else if (i % 3 == 2 && i < 1500)
            {
                hash = items[0].Hash;
            }

            items[i] = new Sighting { Hash = hash, Object = random.Next(50), Line = i + 1, Offset = i };
        }

        var expected = items.ToArray();
        Array.Sort(expected);
        SightingSorter.Sort(items, equalLeadingBits: 4);
        Assert.Equal(expected.Select(s => (s.Hash, s.Object, s.Line, s.Offset)), items.Select(s => (s.Hash, s.Object, s.Line, s.Offset)));
    }

    [Fact]
    public void Identities_added_by_threads_that_have_ended_are_all_compared()
    {
        // Each thread gathers its identities in a batch of its own; a batch is handed on when full or at the end,
        // also when its thread is gone by then.
        using var ledger = new IdentityLedger(64L << 10);
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 3_000; i++)
            {
                ledger.Add(Id(i), kubernetes: false, objectOrdinal: t, line: i + 1);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(12_000, ledger.Count);
        var repeats = Repeats(ledger);
        Assert.Equal(9_000, repeats.Count);
        Assert.All(repeats, r => Assert.Equal((0, r.Line), (r.FirstObject, r.FirstLine)));
        Assert.Equal(9_000, repeats.Select(r => (r.Object, r.Line)).Distinct().Count());
    }

    [Fact]
    public void Hash_is_stable_and_spreads_short_inputs()
    {
        Assert.Equal(IdHash.Compute("abc"u8), IdHash.Compute("abc"u8));
        var hashes = Enumerable.Range(0, 10_000).Select(i => IdHash.Compute(Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToHashSet();
        Assert.Equal(10_000, hashes.Count);
        Assert.NotEqual(IdHash.Compute("ab"u8), IdHash.Compute("ba"u8));
    }

    /// <summary>The bytes of the identity (source "/service/test", id "id-i"): the parts with a 0xFF between them.</summary>
    private static byte[] Id(int i) => [.. "/service/test"u8, 0xFF, .. Encoding.UTF8.GetBytes($"id-{i}")];

    private static List<RepeatedIdentity> Repeats(IdentityLedger ledger)
    {
        var found = new List<RepeatedIdentity>();
        ledger.FindRepeats(found.Add);
        return found;
    }
}

using System.Text;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Tests.Verification;

public class CompactIdSetTests
{
    [Fact]
    public void Finds_every_repeat_across_growth_and_shards()
    {
        var set = new CompactIdSet();
        for (var i = 0; i < 200_000; i++)
        {
            Assert.True(set.Add(IdHash.Compute(Encoding.UTF8.GetBytes($"id-{i}"))));
        }

        for (var i = 0; i < 200_000; i += 997)
        {
            Assert.False(set.Add(IdHash.Compute(Encoding.UTF8.GetBytes($"id-{i}"))));
        }

        Assert.Equal(200_000, set.Count);
    }

    [Fact]
    public void Hash_is_stable_and_spreads_short_inputs()
    {
        Assert.Equal(IdHash.Compute("abc"u8), IdHash.Compute("abc"u8));
        var hashes = Enumerable.Range(0, 10_000).Select(i => IdHash.Compute(Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToHashSet();
        Assert.Equal(10_000, hashes.Count);
        Assert.NotEqual(IdHash.Compute("ab"u8), IdHash.Compute("ba"u8));
    }
}

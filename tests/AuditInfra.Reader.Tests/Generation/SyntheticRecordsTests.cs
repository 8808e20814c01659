using AuditInfra.Reader.Generation;

namespace AuditInfra.Reader.Tests.Generation;

public sealed class SyntheticRecordsTests
{
    [Fact]
    public void Objects_that_draw_the_same_seed_still_get_distinct_record_ids()
    {
        // Per-object seeds are 31 bits, so a large corpus holds objects with equal seeds: their ids must differ anyway.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var serial = 0; serial < 50; serial++)
        {
            var random = new Random(12345);
            for (var line = 1; line <= 40; line++)
            {
                Assert.True(ids.Add(SyntheticRecords.RecordId(random, serial, line)), $"object {serial} line {line} repeated an id");
            }
        }

        Assert.Equal(2000, ids.Count);
    }

    [Fact]
    public void Record_ids_are_uuid_text()
    {
        var id = SyntheticRecords.RecordId(new Random(7), 3, 9);
        Assert.True(Guid.TryParseExact(id, "D", out _), id);
        Assert.Equal(id.ToLowerInvariant(), id);
    }
}

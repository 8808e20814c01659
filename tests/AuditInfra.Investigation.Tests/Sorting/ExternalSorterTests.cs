using System.Text;
using AuditInfra.Investigation.Detections;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Query;
using AuditInfra.Investigation.Reading;
using AuditInfra.Investigation.Records;
using AuditInfra.Investigation.Sorting;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Sorting;

/// <summary>
/// Sorting past the memory budget (issue 17): spilled runs merge back to exactly what an in-memory sort gives, the
/// spill file leaves no name behind, and query --limit 0 and detect print the same with a tiny budget as without.
/// </summary>
public class ExternalSorterTests
{
    private sealed class IntCodec : ISpillCodec<int>
    {
        public void Write(BinaryWriter writer, int item) => writer.Write(item);

        public int Read(BinaryReader reader) => reader.ReadInt32();
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1000)]
    [InlineData(7, 1000)]
    [InlineData(1000, 999)]
    [InlineData(64, 64)]
    public void Spilled_runs_merge_to_the_in_memory_order(int budget, int count)
    {
        var random = new Random(budget * 31 + count);
        var items = Enumerable.Range(0, count).Select(_ => random.Next()).Distinct().ToList();
        using var sorter = new ExternalSorter<int>(Comparer<int>.Default, new IntCodec(), budget);
        foreach (var item in items)
        {
            sorter.Add(item);
        }

        Assert.Equal(items.Count / budget, sorter.Runs);
        Assert.Equal(items.Order().ToArray(), sorter.Drain().ToArray());
        Assert.Equal(0, sorter.Count);
        Assert.Equal(0, sorter.Runs);
    }

    /// <summary>Ordered by the item's tens, then the item: many ties on the first number, none on both.</summary>
    private sealed class ByTens : IKeyedOrder<int>
    {
        public (long Major, long Minor) KeyOf(in int item) => (item / 10, item);

        public int Compare(int x, int y) => KeyOf(x).CompareTo(KeyOf(y));
    }

    [Theory]
    [InlineData(1_000, 500)]
    [InlineData(7, 500)]
    public void A_keyed_order_sorts_by_its_keys_spilled_or_not_and_a_drained_sorter_sorts_again(int budget, int count)
    {
        var random = new Random(count + budget);
        using var sorter = new ExternalSorter<int>(new ByTens(), new IntCodec(), budget);
        for (var round = 0; round < 3; round++)
        {
            var items = Enumerable.Range(0, count).Select(_ => random.Next(-5_000, 5_000)).Distinct().ToList();
            foreach (var item in items)
            {
                sorter.Add(item);
            }

            var expected = items.OrderBy(i => i / 10).ThenBy(i => i).ToArray();
            if (round == 1)
            {
                // Left after a few items: the sorter is empty all the same and takes the next round.
                Assert.Equal(expected.Take(3), sorter.Drain().Take(3));
                Assert.Equal(0, sorter.Count);
                continue;
            }

            Assert.Equal(expected, sorter.Drain().ToArray());
            Assert.Equal(0, sorter.Count);
        }
    }

    [Fact]
    public void A_spill_file_has_no_name_while_it_is_used()
    {
        var before = SpillNames();
        using var file = new SpillFile();
        var run = file.Append(w => w.Write(42L));
        Assert.Equal(before, SpillNames());
        using var reader = file.OpenRun(run, 4096);
        Assert.Equal(42L, reader.ReadInt64());
    }

    private static string[] SpillNames() => Directory.GetFiles(Path.GetTempPath(), "auditinfra-spill-*").Order().ToArray();

    [Fact]
    public void A_record_reads_back_from_a_spill_file_exactly()
    {
        var record = new AuditRecord
        {
            Category = LogCategory.Kubernetes, Id = "id-\ud800-lone", Time = new DateTimeOffset(2026, 3, 1, 11, 47, 19, TimeSpan.FromHours(-5)).AddTicks(1234567),
            Type = "t", Source = "s", EventCode = null, Actor = "zoë", Email = "z@example.org", AuthenticatedUser = "a", SourceIp = "203.0.113.9",
            UserAgent = "ua\u001b[31m", Outcome = "failure", EntityId = "1", EntityType = "linode", Stage = "ResponseComplete", Verb = "get",
            RequestUri = "/api", Resource = "secrets", Subresource = "exec", Namespace = "ns", Name = "n", ResponseCode = 0,
        };
        var bare = new AuditRecord { Category = LogCategory.Config, Id = "" };
        LocatedRecord[] records =
        [
            new(record, "audit_logs/k.gz", 12345678901, [1, 2, 3]) { Account = "46D08682" },
            new(bare, "k", 1),
        ];

        using var file = new SpillFile();
        var run = file.Append(w =>
        {
            foreach (var r in records)
            {
                LocatedRecordCodec.Instance.Write(w, r);
            }
        });
        using var reader = file.OpenRun(run, 4096);
        foreach (var expected in records)
        {
            var actual = LocatedRecordCodec.Instance.Read(reader);
            Assert.Equal(expected.ObjectKey, actual.ObjectKey);
            Assert.Equal(expected.Line, actual.Line);
            Assert.Equal(expected.Account, actual.Account);
            Assert.Equal(expected.Raw, actual.Raw);
            Assert.Equal(expected.Record.Time?.Offset, actual.Record.Time?.Offset);
            foreach (var property in typeof(AuditRecord).GetProperties())
            {
                Assert.Equal(property.GetValue(expected.Record), property.GetValue(actual.Record));
            }
        }
    }

    [Fact]
    public async Task Query_without_a_limit_and_detect_print_the_same_when_they_spill()
    {
        using var dir = new TempDirectory("spill-equivalence");
        await GeneratedDelivery.WriteAsync(dir.Path);

        var inMemory = await QueryAsync(dir.Path, RecordQuery.SortBudget);
        var spilled = await QueryAsync(dir.Path, 50);
        Assert.True(inMemory.Split('\n').Length > 1000, "the generated delivery should match many records");
        Assert.Equal(inMemory, spilled);

        var detections = await DetectAsync(dir.Path, DetectionEngine.PendingBudget);
        Assert.True(detections.Count > 100, "the generated delivery should fire many detections");
        Assert.Equal(detections, await DetectAsync(dir.Path, 5));
    }

    private static async Task<string> QueryAsync(string root, int budget)
    {
        var classifier = new RecordClassifier(EventCatalog.Default);
        var filter = RecordFilter.Compile(new FilterSpec { From = "2026-01-01", To = "2026-01-03" }, classifier, TimeProvider.System);
        await using var source = new FolderLogSource(root);
        var output = new StringWriter();
        using var writer = new JsonRecordWriter(output, new RecordFields(classifier), array: false);
        var result = await RecordQuery.QueryAsync(new RecordScanner(source), filter, new QueryOptions { Limit = 0, SortBudget = budget }, writer);
        Assert.Equal(result.Matched, result.Written);
        return output.ToString();
    }

    private static async Task<List<string>> DetectAsync(string root, int budget)
    {
        var classifier = new RecordClassifier(EventCatalog.Default);
        var filter = RecordFilter.Compile(new FilterSpec { From = "2026-01-01", To = "2026-01-03" }, classifier, TimeProvider.System);
        var rendered = new List<string>();
        var engine = new DetectionEngine(new DetectionSettings(), d => rendered.Add(Render(d)), budget);
        await using var source = new FolderLogSource(root);
        await DetectionRun.RunAsync(new RecordScanner(source), filter, engine);
        return rendered;
    }

    private static string Render(Detection d) => new StringBuilder()
        .AppendJoin('|', d.Rule, d.Severity, d.Summary, d.Actor, d.Ip, d.First.UtcTicks, d.Last.UtcTicks, d.Count)
        .AppendJoin(';', d.Evidence.Select(e => $"{e.Object}:{e.Line}:{e.Time.UtcTicks}:{e.Operation}:{e.Id}")).ToString();
}

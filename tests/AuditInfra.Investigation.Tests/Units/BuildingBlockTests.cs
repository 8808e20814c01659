using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Query;
using AuditInfra.Investigation.Records;
using AuditInfra.Investigation.Sync;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Units;

/// <summary>The small parts: actions, patterns, ranges, the bounded heap, writers, the dedup window and output repair.</summary>
public class BuildingBlockTests
{
    private static LocatedRecord Record(string id, int second, string key = "k", string? actor = null, long line = 1) =>
        new(new AuditRecord { Category = LogCategory.Config, Id = id, Time = new DateTimeOffset(2026, 11, 1, 0, 0, second, TimeSpan.Zero), EventCode = "put-profile", Actor = actor }, key, line);

    [Theory]
    [InlineData("post-linode-instance", "create")]
    [InlineData("put-profile", "update")]
    [InlineData("delete-volume", "delete")]
    [InlineData("post-attach-volume", "attach")]
    [InlineData("post-detach-volume", "detach")]
    [InlineData("post-reboot-linode-instance", "power")]
    [InlineData("suspend-databases-mysql-instance", "power")]
    [InlineData("login-failure", "login")]
    [InlineData("logout", "logout")]
    [InlineData("s3-CreateBucket", "create")]
    [InlineData("s3:putbucketpolicy", "update")]
    [InlineData("S3_delete_bucket_lifecycle", "delete")]
    [InlineData("s3-PutObjectLockConfiguration", "update")]
    [InlineData("s3-RestoreObject", "other")]
    public void Actions_derive_from_the_code(string code, string action) => Assert.Equal(action, RecordAction.FromEventCode(code));

    [Fact]
    public void Every_catalog_code_gets_an_action_other_than_other()
    {
        Assert.All(EventCatalog.Default.Codes, c => Assert.NotEqual(RecordAction.Other, RecordAction.FromEventCode(c.Code)));
        Assert.Equal(["read", "update", "delete", "create"], new[] { "list", "patch", "deletecollection", "create" }.Select(RecordAction.FromKubernetesVerb));
    }

    [Theory]
    [InlineData("delete-*", "delete-volume", true)]
    [InlineData("delete-*", "post-volume", false)]
    [InlineData("post-*-instance", "post-linode-instance", true)]
    [InlineData("post-*-instance", "post-linode-instance-x", false)]
    [InlineData("*token*", "post-personal-access-token", true)]
    [InlineData("PUT-PROFILE", "put-profile", true)]
    public void Wildcards_match_whole_values(string pattern, string value, bool matches) => Assert.Equal(matches, new WildcardPattern(pattern).Matches(value));

    [Theory]
    [InlineData("10.1.2.3/8", "10.200.0.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::9", true)]
    [InlineData("192.0.2.0/24", "::ffff:192.0.2.5", true)]
    [InlineData("192.0.2.0/24", "not-an-ip", false)]
    public void Ip_ranges_hold_addresses(string range, string address, bool contains)
    {
        Assert.True(IpRange.TryParse(range, out var parsed));
        Assert.Equal(contains, parsed!.Contains(address));
    }

    [Fact]
    public void Dates_cover_whole_days_and_instants_are_exact()
    {
        var range = TimeRange.Parse("2026-11-01", "2026-11-02", TimeProvider.System);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)), (range.FirstDay, range.LastDay));
        Assert.True(range.Contains(new DateTimeOffset(2026, 11, 2, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(range.Contains(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)));
        var instants = TimeRange.Parse("2026-11-01T10:00:00+02:00", "2026-11-01T09:00:00Z", TimeProvider.System);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), instants.Start);
        Assert.Throws<InvestigationException>(() => TimeRange.Parse("2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z", TimeProvider.System));
    }

    [Fact]
    public void The_bounded_heap_keeps_exactly_the_first_offset_plus_limit_records()
    {
        var random = new Random(5);
        var all = Enumerable.Range(0, 500).Select(i => Record($"r{i}", random.Next(0, 50), $"key{random.Next(0, 3)}", line: i)).ToList();
        foreach (var order in new[] { RecordOrder.OldestFirst, RecordOrder.NewestFirstOrder })
        {
            var top = new BoundedTopRecords(30, order);
            all.ForEach(top.Offer);
            Assert.True(top.Count <= 30);
            Assert.Equal(500, top.Offered);
            Assert.Equal(all.Order(order).Skip(10).Take(20).Select(r => r.Record.Id), top.Result(10).Select(r => r.Record.Id));
        }
    }

    [Fact]
    public void Csv_quotes_and_defuses_formulas()
    {
        using var text = new StringWriter();
        using var writer = new CsvRecordWriter(text, new RecordFields(new RecordClassifier(EventCatalog.Default)));
        writer.Write(Record("a,\"b\"", 1, actor: "=HYPERLINK(\"x\")"));
        writer.Complete();
        var row = text.ToString().Split("\r\n")[1];
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", row, StringComparison.Ordinal);
        Assert.Contains("\"a,\"\"b\"\"\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Dedup_window_forgets_by_time_and_caps_ids_and_round_trips()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var window = new DedupWindow(TimeSpan.FromHours(1), maxIds: 3);
        window.Add("a", t0, [1UL, 2UL]);
        window.Add("b", t0.AddMinutes(10), [3UL, 4UL]);
        Assert.True(window.ContainsKey("a"));
        Assert.False(window.ContainsId(1UL)); // the id cap thinned the oldest object's ids, not its key
        Assert.True(window.ContainsId(4UL));
        window.Add("c", t0.AddMinutes(65), [5UL]);
        Assert.False(window.ContainsKey("a"));
        Assert.True(window.ContainsKey("b"));

        var restored = DedupWindow.Restore(window.ToStored(), TimeSpan.FromHours(1), 3);
        Assert.True(restored.ContainsKey("c") && restored.ContainsId(5UL) && restored.ContainsId(3UL));
    }

    [Fact]
    public void Output_recovery_returns_unsaved_ids_and_cuts_a_torn_line()
    {
        using var dir = new TempDirectory("recovery");
        var path = dir.Combine("out.jsonl");
        const string Saved = "{\"id\":\"saved\"}\n";
        File.WriteAllText(path, Saved + "{\"x\":1,\"specversion\":\"1.0\",\"id\":\"u1\",\"source\":\"/s\"}\n{\"auditID\":\"u2\",\"stage\":\"ResponseComplete\",\"verb\":\"get\"}\n{\"id\":\"tor");
        var ids = OutputRecovery.Recover(path, Saved.Length);
        Assert.Equal(new HashSet<ulong> { RecordIdentity.Hash("/s", "u1"), RecordIdentity.Hash("u2", "ResponseComplete") }, ids);
        Assert.EndsWith("\"get\"}\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Throws<InvestigationException>(() => OutputRecovery.Recover(path, 1 << 20));
    }

    [Fact]
    public void Checkpoints_are_replaced_atomically_and_leave_no_temporary_file()
    {
        using var dir = new TempDirectory("checkpoint");
        var store = new CheckpointStore(dir.Combine("cp.json"));
        Assert.Null(store.Load());
        store.Save(new SyncCheckpoint { Source = "s3://b", Since = new DateOnly(2026, 11, 1), Key = "k1" });
        store.Save(new SyncCheckpoint { Source = "s3://b", Since = new DateOnly(2026, 11, 1), Key = "k2" });
        Assert.Equal("k2", store.Load()!.Key);
        Assert.Equal(["cp.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}

using System.Collections.Concurrent;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Layout;

/// <summary>
/// A source that lists several folders at once gets the first days' listings started before the year and month
/// folders above them answer; the walk must stay that of a source listing one folder at a time.
/// </summary>
public class ListingPrefetchTests
{
    private static readonly DateOnly From = new(2026, 10, 30);
    private static readonly DateOnly To = new(2026, 11, 2);

    [Fact]
    public async Task Strays_at_every_level_come_out_in_the_order_of_a_walk_one_folder_at_a_time()
    {
        using var dir = Delivery();
        await using var plain = new FolderLogSource(dir.Path);
        await using var ahead = new ParallelSource(new FolderLogSource(dir.Path));

        var (plainKeys, plainPartitions) = await WalkAsync(plain);
        var (aheadKeys, aheadPartitions) = await WalkAsync(ahead);

        Assert.Equal(plainKeys, aheadKeys);
        Assert.Equal(plainPartitions, aheadPartitions);
        Assert.Contains("Unexpected audit_logs/com.akamai.audit/ACC/stray.gz", aheadKeys);
        Assert.Contains("Unexpected audit_logs/com.akamai.audit/ACC/2026/x/y.gz", aheadKeys);
        Assert.Contains("Unexpected audit_logs/com.akamai.audit/ACC/2026/11/notes.txt", aheadKeys);
        Assert.Contains("Unexpected audit_logs/com.akamai.audit/ACC/2026/11/01/sub/z.gz", aheadKeys);
        // The first days' folders were listed without waiting for the month folder: 10/31 does not exist there.
        Assert.Contains(("audit_logs/com.akamai.audit/ACC/2026/10/31/", true), ahead.Listed);
        Assert.Contains(("lke_audit_logs/com.akamai.audit/ACC/lke77/2026/10/31/", true), ahead.Listed);
    }

    [Fact]
    public async Task A_listing_the_walk_needs_still_fails_the_walk()
    {
        using var dir = Delivery();
        await using var source = new ParallelSource(new FolderLogSource(dir.Path)) { FailPrefix = "audit_logs/com.akamai.audit/ACC/2026/11/01/" };

        var ex = await Assert.ThrowsAsync<LogSourceException>(() => WalkAsync(source));
        Assert.Contains("2026/11/01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_started_ahead_for_a_folder_that_does_not_exist_fails_nothing()
    {
        using var dir = Delivery();
        await using var plain = new FolderLogSource(dir.Path);
        // 10/31 has no folder: the walk never lists it, so its failed listing started ahead must not matter.
        await using var ahead = new ParallelSource(new FolderLogSource(dir.Path)) { FailPrefix = "audit_logs/com.akamai.audit/ACC/2026/10/31/" };

        var (aheadKeys, _) = await WalkAsync(ahead);

        Assert.Equal((await WalkAsync(plain)).Keys, aheadKeys);
        Assert.Contains(("audit_logs/com.akamai.audit/ACC/2026/10/31/", true), ahead.Listed);
    }

    private static TempDirectory Delivery()
    {
        var dir = new TempDirectory("prefetch");
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/stray.gz", "x");
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/x/y.gz", "x");
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/10/30/akamai_log-000001-1793318400-000001-config.gz", Gz.CloudEvent("a"));
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/11/notes.txt", "x");
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/11/01/akamai_log-000001-1793577600-000001-config.gz", Gz.CloudEvent("b"));
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/11/01/sub/z.gz", "x");
        Gz.WriteFile(dir.Path, "audit_logs/com.akamai.audit/ACC/2026/11/02/akamai_log-000001-1793664000-000001-login.gz", Gz.CloudEvent("c"));
        Gz.WriteFile(dir.Path, "lke_audit_logs/com.akamai.audit/ACC/lke77/2026/11/01/akamai_log-000001-1793577600-000001-k8s.gz", Gz.K8sEvent("k"));
        Gz.WriteFile(dir.Path, "lke_audit_logs/com.akamai.audit/ACC/lke77/2026/11/02/akamai_log-000001-1793664000-000001-k8s.gz", Gz.K8sEvent("l"));
        return dir;
    }

    private static Task<(List<string> Keys, List<string> Partitions)> WalkAsync(ILogSource source) => Walks.KeysAndPartitionsAsync(source, From, To);

    /// <summary>A folder that says it lists several folders at once (as S3 does), records what is listed, and can fail one prefix.</summary>
    private sealed class ParallelSource(ILogSource inner) : ILogSource
    {
        public ConcurrentQueue<(string Prefix, bool Recursive)> Listed { get; } = new();

        public string? FailPrefix { get; init; }

        public string Description => inner.Description;

        public int ConcurrentListings => 16;

        public IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken = default)
        {
            Listed.Enqueue((prefix, recursive));
            return prefix == FailPrefix ? FailAsync(prefix) : inner.ListAsync(prefix, recursive, cancellationToken);
        }

        public Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default) => inner.OpenReadAsync(item, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private static async IAsyncEnumerable<LogListEntry> FailAsync(string prefix)
        {
            await Task.Yield();
            throw new LogSourceException($"listing {prefix} failed (injected)");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }
}

using System.Collections.Concurrent;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Layout;

public class ListingScopeTests
{
    [Fact]
    public async Task A_year_of_data_is_not_listed_whole_for_a_few_days()
    {
        using var dir = new TempDirectory("scope");
        for (var month = 1; month <= 12; month++)
        {
            for (var day = 1; day <= 28; day += 9)
            {
                var date = new DateOnly(2026, month, day);
                Gz.WriteFile(dir.Path, $"audit_logs/com.akamai.audit/ACC/{DeliveryLayout.DayFolder(date)}akamai_log-000001-1767225600-000001-config.gz", Gz.CloudEvent($"{month}-{day}"));
            }
        }

        await using var source = new CountingSource(new FolderLogSource(dir.Path));
        var walker = new DeliveryWalker(source, new DeliveryLayout());
        var seen = new List<string>();
        await foreach (var item in walker.WalkAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10)))
        {
            seen.Add(item.Key.Key);
        }

        Assert.Equal(2, seen.Count); // 11/01 and 11/10
        var listed = source.Listed.ToList();
        Assert.DoesNotContain(listed, p => p.Prefix.Contains("/2026/10/", StringComparison.Ordinal) || p.Prefix.Contains("/2026/12/", StringComparison.Ordinal));
        Assert.All(listed.Where(p => p.Recursive), p => Assert.Matches(@"/2026/11/(01|10)/$", p.Prefix));
        Assert.True(listed.Count <= 8, string.Join(", ", listed));
    }

    /// <summary>Records every listing the walker asks for.</summary>
    private sealed class CountingSource(ILogSource inner) : ILogSource
    {
        public ConcurrentQueue<(string Prefix, bool Recursive)> Listed { get; } = new();

        public string Description => inner.Description;

        public IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken = default)
        {
            Listed.Enqueue((prefix, recursive));
            return inner.ListAsync(prefix, recursive, cancellationToken);
        }

        public Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default) => inner.OpenReadAsync(item, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

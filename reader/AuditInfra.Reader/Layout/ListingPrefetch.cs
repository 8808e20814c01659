using System.Collections.Concurrent;
using System.Threading.Channels;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Layout;

/// <summary>
/// Listings started before the walk knows it needs them, so the folder levels above a delivery's first day (stream →
/// log type → account, year → month → day) cost about one round trip instead of one each. The walk itself is
/// unchanged: it still lists every level in order and decides from what each level holds (strays, loose objects,
/// folders out of range); <see cref="ListAsync"/> only hands it the entries of a listing that already runs for the
/// same prefix. A listing the walk never asks for (a folder that does not exist, a day beyond the data) is cancelled
/// at the end and its outcome, failure included, is ignored: the walk fails exactly where a walk without prefetching
/// would. Each prefetched listing buffers at most a bounded number of entries (<see cref="ListingAhead.Start{T}"/>).
/// Thread-safe.
/// </summary>
internal sealed class ListingPrefetch : IAsyncDisposable
{
    private readonly ILogSource _source;
    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentDictionary<(string Prefix, bool Recursive), ChannelReader<LogListEntry>> _started = new();
    private readonly ConcurrentBag<Task> _runs = [];

    public ListingPrefetch(ILogSource source, CancellationToken cancellationToken)
    {
        _source = source;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Starts listing <paramref name="prefix"/> now, unless it already runs.</summary>
    public void Start(string prefix, bool recursive)
    {
        if (_stop.IsCancellationRequested || _started.ContainsKey((prefix, recursive)))
        {
            return;
        }

        var (items, run) = ListingAhead.Start(ct => _source.ListAsync(prefix, recursive, ct), _stop.Token);
        _runs.Add(run);
        _started.TryAdd((prefix, recursive), items); // lost a race to the same listing: this one is cancelled at the end
    }

    /// <summary>The source's listing of <paramref name="prefix"/>: the prefetched one if it was started (once), else a new one.</summary>
    public IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken) =>
        _started.TryRemove((prefix, recursive), out var items) ? items.ReadAllAsync(cancellationToken) : _source.ListAsync(prefix, recursive, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await ListingAhead.StopAsync(_stop, _runs);
        _stop.Dispose();
    }
}

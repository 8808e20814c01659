using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>Wraps a real source and records every listing call (prefix, recursive), to prove what a command lists.</summary>
internal sealed class CountingSource : ILogSource
{
    private readonly ILogSource _inner;

    public CountingSource(ILogSource inner)
    {
        _inner = inner;
    }

    public ConcurrentQueue<(string Prefix, bool Recursive)> Listings { get; } = new();

    public string Description => _inner.Description;

    public async IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Listings.Enqueue((prefix, recursive));
        await foreach (var entry in _inner.ListAsync(prefix, recursive, cancellationToken))
        {
            yield return entry;
        }
    }

    public Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default) => _inner.OpenReadAsync(item, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}

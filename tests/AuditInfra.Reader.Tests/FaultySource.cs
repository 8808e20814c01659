using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Tests;

/// <summary>A real source whose opens fail with the exception <paramref name="fault"/> gives for an object (null: opened as usual).</summary>
internal sealed class FaultySource(ILogSource inner, Func<LogObjectInfo, Exception?> fault) : ILogSource
{
    public string Description => inner.Description;

    public IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, recursive, cancellationToken);

    public Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default) =>
        fault(item) is { } failure ? throw failure : inner.OpenReadAsync(item, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

namespace AuditInfra.Reader.Generation;

/// <summary>Where <see cref="DeliveryGenerator"/> writes objects: a folder or a bucket. Safe for concurrent writes.</summary>
public interface IDeliveryTarget : IAsyncDisposable
{
    string Description { get; }

    /// <summary>Writes (or replaces) one object; <paramref name="key"/> is relative to the target root.</summary>
    Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Whether zero-byte "folder" objects can exist (not in a file system).</summary>
    bool SupportsFolderObjects { get; }
}

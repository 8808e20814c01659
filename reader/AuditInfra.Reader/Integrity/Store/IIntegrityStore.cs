namespace AuditInfra.Reader.Integrity.Store;

/// <summary>
/// What sealing and integrity verification need from where the delivery lies beyond <see cref="Sources.ILogSource"/>:
/// object versions, each version's Object Lock state, and writing a digest exactly once. Implemented over S3 (sharing
/// the log source's client) and over a folder. Failures a user must fix throw <see cref="Sources.LogSourceException"/>.
/// </summary>
public interface IIntegrityStore
{
    /// <summary>Every version (and delete marker) of every key under <paramref name="prefix"/>, at any depth.</summary>
    IAsyncEnumerable<StoredVersion> ListVersionsAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>The current (latest) version of a key, or null when there is none (deleted, or hidden by a delete marker).</summary>
    Task<VersionState?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads a small object whole (a digest); null when it does not exist.</summary>
    /// <exception cref="Digests.DigestFormatException">It is larger than <paramref name="maxBytes"/>.</exception>
    Task<byte[]?> ReadSmallAsync(string key, int maxBytes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the next digests of one stream's chain, in order. Each appears whole or not at all (one S3 PUT, atomic
    /// by the protocol, with Content-MD5 so a damaged upload is refused and the bucket's default Object Lock retention
    /// applies; or a temporary file renamed into place), and a later one never appears without every earlier one, so
    /// a run killed at any point leaves a chain without gaps. Fails if a key exists already: a digest is never
    /// replaced.
    /// </summary>
    /// <param name="chain">Digests of one stream, oldest first.</param>
    /// <exception cref="Sources.LogSourceException">A digest cannot be written, or exists already.</exception>
    Task CreateChainAsync(IReadOnlyList<DigestFile> chain, CancellationToken cancellationToken = default);
}

using System.Runtime.CompilerServices;
using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity.Store;

/// <summary>
/// A folder laid out like the bucket: one "version" per file (no version id, no ETag, no Object Lock). Digests are
/// written to a temporary file, flushed, then renamed into place without replacing, so a crash leaves no half digest.
/// </summary>
public sealed class FolderIntegrityStore : IIntegrityStore
{
    private readonly string _root;

    public FolderIntegrityStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public async IAsyncEnumerable<StoredVersion> ListVersionsAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        var dir = PathOf(prefix);
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            yield return new StoredVersion(key, null, file.Length, null, file.LastWriteTimeUtc, IsLatest: true, IsDeleteMarker: false);
        }
    }

    public Task<VersionState?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new VersionState(null, file.Length, null, file.LastWriteTimeUtc, null, null) : null);
    }

    public async Task<byte[]?> ReadSmallAsync(string key, int maxBytes, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        if (!file.Exists)
        {
            return null;
        }

        if (file.Length > maxBytes)
        {
            throw new DigestFormatException($"{file.Length} bytes, more than a digest may have ({maxBytes})");
        }

        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogSourceException($"cannot read {file.FullName}: {ex.Message}", "ReadFailed", ex);
        }
    }

    public async Task CreateAsync(string key, byte[] content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.WriteThrough))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new LogSourceException(
                File.Exists(path) ? $"digest {path} exists already; another seal is running or ran at the same time" : $"cannot write {path}: {ex.Message}",
                "WriteFailed",
                ex);
        }
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
}

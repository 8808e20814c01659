using System.Runtime.CompilerServices;
using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity.Store;

/// <summary>
/// A folder laid out like the bucket: one "version" per file (no version id, no ETag, no Object Lock). Digests are
/// written to temporary files, flushed, then renamed into place in chain order without replacing, so a crash leaves
/// no half digest and no gap.
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

    public async Task CreateChainAsync(IReadOnlyList<DigestFile> chain, CancellationToken cancellationToken = default)
    {
        // Flushing each digest to disk before writing the next (one fsync after another) kept a month of hourly
        // digests waiting seconds on the disk. The temporary files are written, then flushed side by side, then
        // renamed in chain order: a digest still appears only whole and flushed, and never before its predecessor.
        var temps = new string?[chain.Count];
        var current = "";
        try
        {
            for (var i = 0; i < chain.Count; i++)
            {
                current = PathOf(chain[i].Key);
                if (File.Exists(current))
                {
                    throw Exists(current, null);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(current)!);
                temps[i] = current + ".tmp-" + Environment.ProcessId;
                await File.WriteAllBytesAsync(temps[i]!, chain[i].Content, cancellationToken);
            }

            await Parallel.ForEachAsync(
                temps,
                new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                (temp, _) =>
                {
                    using var file = new FileStream(temp!, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 0);
                    file.Flush(flushToDisk: true);
                    return ValueTask.CompletedTask;
                });

            for (var i = 0; i < chain.Count; i++)
            {
                current = PathOf(chain[i].Key);
                File.Move(temps[i]!, current, overwrite: false);
                temps[i] = null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw File.Exists(current) ? Exists(current, ex) : new LogSourceException($"cannot write {current}: {ex.Message}", "WriteFailed", ex);
        }
        finally
        {
            foreach (var temp in temps.OfType<string>())
            {
                File.Delete(temp);
            }
        }
    }

    private static LogSourceException Exists(string path, Exception? inner) =>
        new($"digest {path} exists already; another seal is running or ran at the same time", "WriteFailed", inner);

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
}

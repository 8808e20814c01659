using System.Runtime.CompilerServices;

namespace AuditInfra.Reader.Sources;

/// <summary>A local folder laid out like the bucket: keys are paths relative to the folder, with '/'.</summary>
public sealed class FolderLogSource : ILogSource
{
    // No FileStream buffer: the gzip decoder reads in blocks of its own, and a buffer here would be a fresh 64 KiB
    // array per object (FileStream does not pool it), most of what a scan allocates, and garbage collections stop
    // every reading thread.
    private const int ReadBufferBytes = 0;
    private readonly string _root;

    public FolderLogSource(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new LogSourceException(
                File.Exists(_root) ? $"source {root} is a file, not a folder" : $"source folder {root} does not exist", "NoSuchFolder");
        }

        Description = root;
    }

    public string Description { get; }

    public async IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        var dir = Path.Combine(_root, prefix.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        var info = new DirectoryInfo(dir);
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = recursive
                ? info.EnumerateFiles("*", SearchOption.AllDirectories).Cast<FileSystemInfo>().ToArray()
                : info.EnumerateFileSystemInfos().ToArray();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new LogSourceException($"cannot list {dir}: {ex.Message}", "AccessDenied", ex);
        }

        foreach (var entry in entries.OrderBy(e => ToKey(e), StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry is FileInfo file
                ? LogListEntry.ForObject(new LogObjectInfo(ToKey(file), file.Length, file.LastWriteTimeUtc))
                : LogListEntry.ForPrefix(ToKey(entry) + "/");
        }
    }

    public Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_root, item.Key.Replace('/', Path.DirectorySeparatorChar));
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferBytes, FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogSourceException($"cannot open {path}: {ex.Message}", ex is UnauthorizedAccessException ? "AccessDenied" : "NoSuchKey", ex);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string ToKey(FileSystemInfo entry) =>
        Path.GetRelativePath(_root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
}

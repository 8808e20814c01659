using System.Runtime.CompilerServices;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// A local folder laid out like the bucket: keys are paths relative to the folder, with '/'. Only regular files are
/// read and only real folders descended into; anything else is listed with <see cref="LogObjectInfo.Irregular"/> set
/// (see <see cref="LocalFileType"/>) and never opened.
/// </summary>
public sealed class FolderLogSource : ILogSource
{
    // No FileStream buffer: the gzip decoder reads in blocks of its own, and a buffer here would be a fresh 64 KiB
    // array per object (FileStream does not pool it), most of what a scan allocates, and garbage collections stop
    // every reading thread.
    private const int ReadBufferBytes = 0;
    private readonly string _root;
    // The folder with every link resolved: a link's target is inside the source when it lies under this.
    private readonly string _realRoot;

    public FolderLogSource(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new LogSourceException(
                File.Exists(_root) ? $"source {root} is a file, not a folder" : $"source folder {root} does not exist", "NoSuchFolder");
        }

        _realRoot = LocalFileType.RealPath(_root, out _) ?? _root;
        Description = root;
    }

    public string Description { get; }

    /// <summary>The folder's full path.</summary>
    public string Root => _root;

    public async IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        var dir = Path.Combine(_root, prefix.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        var entries = new List<LogListEntry>();
        var folders = new Stack<DirectoryInfo>();
        folders.Push(new DirectoryInfo(dir));
        // Recursion is done here, one examined level at a time, rather than by SearchOption.AllDirectories, which
        // follows symbolic links to folders (a loop then never ends).
        while (folders.TryPop(out var folder))
        {
            FileSystemInfo[] level;
            try
            {
                level = folder.EnumerateFileSystemInfos().ToArray();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                throw new LogSourceException($"cannot list {folder.FullName}: {ex.Message}", "AccessDenied", ex);
            }

            foreach (var entry in level)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (kind, why) = Examine(entry);
                if (kind == EntryKind.Folder && recursive)
                {
                    folders.Push((DirectoryInfo)entry);
                }
                else
                {
                    entries.Add(kind switch
                    {
                        EntryKind.Folder => LogListEntry.ForPrefix(ToKey(entry) + "/"),
                        EntryKind.File => LogListEntry.ForObject(new LogObjectInfo(ToKey(entry), ((FileInfo)entry).Length, entry.LastWriteTimeUtc)),
                        _ => LogListEntry.ForObject(new LogObjectInfo(ToKey(entry), 0, LastWriteOrEpoch(entry)) { Irregular = why }),
                    });
                }
            }
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Object?.Key ?? a.Prefix, b.Object?.Key ?? b.Prefix));
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    public Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_root, item.Key.Replace('/', Path.DirectorySeparatorChar));
        // Checked again at open time: the entry may have been swapped for a FIFO or a link since it was listed.
        var why = item.Irregular ?? Examine(new FileInfo(path)) switch
        {
            (EntryKind.File, _) => null,
            (EntryKind.Folder, _) => "a folder, not a regular file",
            (_, var reason) => reason,
        };
        if (why is not null)
        {
            throw new LogSourceException($"not opened: {item.Key} is {why}", "NotRegularFile");
        }

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

    private enum EntryKind
    {
        File,
        Folder,
        Irregular,
    }

    /// <summary>
    /// What an entry is to the source: a regular file (directly or through a link that stays inside the folder), a
    /// real folder, or something never opened nor descended into, with the reason reported for it.
    /// </summary>
    private (EntryKind Kind, string? Why) Examine(FileSystemInfo entry)
    {
        switch (LocalFileType.Of(entry.FullName))
        {
            case LocalFileKind.Regular:
                return (EntryKind.File, null);
            case LocalFileKind.Directory:
                return (EntryKind.Folder, null);
            case LocalFileKind.SymbolicLink:
                return ExamineLink(entry);
            case LocalFileKind.Fifo:
                return (EntryKind.Irregular, "a FIFO (named pipe), not a regular file; not opened");
            case LocalFileKind.CharacterDevice or LocalFileKind.BlockDevice:
                return (EntryKind.Irregular, "a device, not a regular file; not opened");
            case LocalFileKind.Socket:
                return (EntryKind.Irregular, "a socket, not a regular file; not opened");
            case LocalFileKind.Missing:
                // .NET decodes a name that is not valid UTF-8 with U+FFFD, and that name then opens nothing.
                return (EntryKind.Irregular, entry.Name.Contains('\uFFFD', StringComparison.Ordinal)
                    ? "a file name that is not valid UTF-8; not opened"
                    : "gone while it was listed");
            default:
                // No statx (not Linux): what .NET can tell. A link is not followed, since its target is unknown.
                if (entry.LinkTarget is not null)
                {
                    return (EntryKind.Irregular, "a symbolic link; not followed");
                }

                return entry is DirectoryInfo ? (EntryKind.Folder, null) : (EntryKind.File, null);
        }
    }

    private (EntryKind Kind, string? Why) ExamineLink(FileSystemInfo entry)
    {
        var target = LocalFileType.RealPath(entry.FullName, out var error);
        if (target is null)
        {
            return (EntryKind.Irregular, error == LocalFileType.ELOOP
                ? "a symbolic link loop; not followed"
                : "a symbolic link to nothing; not followed");
        }

        if (!IsInside(target))
        {
            return (EntryKind.Irregular, "a symbolic link out of the source folder; not followed");
        }

        return LocalFileType.Of(target) switch
        {
            LocalFileKind.Regular => (EntryKind.File, null),
            // A link to a folder inside the source could lead back up into itself; the layout never needs one.
            LocalFileKind.Directory => (EntryKind.Irregular, "a symbolic link to a folder; not followed"),
            _ => (EntryKind.Irregular, "a symbolic link to something that is not a regular file; not opened"),
        };
    }

    private bool IsInside(string target) =>
        target == _realRoot || target.StartsWith(_realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static DateTime LastWriteOrEpoch(FileSystemInfo entry)
    {
        try
        {
            return entry.LastWriteTimeUtc;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DateTime.UnixEpoch;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string ToKey(FileSystemInfo entry) =>
        Path.GetRelativePath(_root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
}

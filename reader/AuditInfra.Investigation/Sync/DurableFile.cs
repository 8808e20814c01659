using System.Runtime.InteropServices;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// Writes that survive a crash or a power cut: a file is replaced by writing a temporary file next to it,
/// fsyncing it, renaming it over the old one (atomic on POSIX) and fsyncing the folder so the rename itself is
/// on disk. A reader of the file sees the old content or the new, never a mix.
/// </summary>
public static partial class DurableFile
{
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, full, overwrite: true);
        SyncFolder(folder);
    }

    /// <summary>fsync of a folder (Linux/macOS); .NET cannot open a folder as a file, so this goes to libc.</summary>
    public static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var fd = NativeMethods.Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = NativeMethods.Fsync(fd);
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Close(int fd);
    }
}

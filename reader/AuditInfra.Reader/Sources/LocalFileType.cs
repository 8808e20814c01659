using System.Runtime.InteropServices;

namespace AuditInfra.Reader.Sources;

/// <summary>What a directory entry is, as the kernel sees it (not followed through a symbolic link).</summary>
public enum LocalFileKind
{
    /// <summary>Not found by its name: gone, or (with U+FFFD in the decoded name) a name that is not valid UTF-8.</summary>
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,

    /// <summary>The platform cannot tell (no <c>statx</c>); callers fall back to what .NET reports.</summary>
    Unknown,
}

/// <summary>
/// File types and canonical paths through libc, which .NET does not expose: .NET lists a FIFO or a device as a
/// file, and opening a FIFO blocks until a writer comes. <c>statx(2)</c> has the same layout on every Linux
/// architecture (unlike <c>struct stat</c>); <c>realpath(3)</c> resolves every symbolic link of a path and fails
/// with ELOOP on a loop. Elsewhere both report <see cref="LocalFileKind.Unknown"/> / null.
/// </summary>
public static partial class LocalFileType
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    /// <summary>errno of a symbolic-link loop (Linux).</summary>
    public const int ELOOP = 40;

    /// <summary>The kind of the entry at <paramref name="path"/> itself (a symbolic link is not followed).</summary>
    public static LocalFileKind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return LocalFileKind.Unknown;
        }

        StatxBuffer buffer;
        int rc;
        try
        {
            rc = NativeMethods.Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, out buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return LocalFileKind.Unknown; // a libc older than glibc 2.28
        }

        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR ? LocalFileKind.Missing : LocalFileKind.Unknown;
        }

        return (buffer.Mode & 0xF000) switch
        {
            0x8000 => LocalFileKind.Regular,
            0x4000 => LocalFileKind.Directory,
            0xA000 => LocalFileKind.SymbolicLink,
            0x1000 => LocalFileKind.Fifo,
            0x2000 => LocalFileKind.CharacterDevice,
            0x6000 => LocalFileKind.BlockDevice,
            0xC000 => LocalFileKind.Socket,
            _ => LocalFileKind.Unknown,
        };
    }

    /// <summary>The canonical absolute path (every link resolved), or null with the errno in <paramref name="error"/>; null (error 0) off Linux.</summary>
    public static string? RealPath(string path, out int error)
    {
        error = 0;
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var resolved = NativeMethods.RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMethods.Free(resolved);
        }
    }

    /// <summary>The start of <c>struct statx</c>: <c>stx_mode</c> is a u16 at byte 28 (linux/stat.h); the struct is 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

        [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial IntPtr RealPath(string path, IntPtr resolved);

        [LibraryImport("libc", EntryPoint = "free")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial void Free(IntPtr pointer);
    }
}

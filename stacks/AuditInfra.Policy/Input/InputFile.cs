using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace AuditInfra.Policy.Input;

/// <summary>
/// Reads one input file whole, or refuses it with a <see cref="PolicyInputException"/>: only regular files
/// (never a pipe, socket or device, which could hang the check or never end), at most a given number of bytes,
/// valid UTF-8, and, for files found inside a project folder, no symbolic link that leads out of that folder.
/// </summary>
public static partial class InputFile
{
    /// <param name="path">The file to read.</param>
    /// <param name="display">How messages name it.</param>
    /// <param name="maxBytes">The largest size accepted, in bytes.</param>
    /// <param name="confineTo">The folder the file was found in: a link out of it is refused. Null for files named on the command line.</param>
    public static string ReadText(string path, string display, long maxBytes, string? confineTo = null)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new PolicyInputException(display, Directory.Exists(path) ? "is a folder, not a file" : "file not found");
        }

        if (confineTo is not null && info.LinkTarget is not null)
        {
            var target = ResolveFinal(info, display);
            if (!IsInside(target, confineTo))
            {
                throw new PolicyInputException(display, $"is a symbolic link to {target}, outside the project folder: refused");
            }
        }

        using var stream = Open(path, display);
        if (!stream.CanSeek)
        {
            throw new PolicyInputException(display, "is not a regular file (a pipe, socket or device): refused");
        }

        var buffer = new byte[Math.Min(maxBytes + 1, Math.Max(stream.Length + 1, 4096))];
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > maxBytes)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                }

                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (IOException ex)
        {
            throw new PolicyInputException(display, "cannot be read: " + ex.Message);
        }

        if (total > maxBytes)
        {
            throw new PolicyInputException(display, $"is larger than {maxBytes:N0} bytes, the limit for this kind of file: refused");
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, total).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new PolicyInputException(display, "is not UTF-8 text");
        }
    }

    /// <summary>True when <paramref name="path"/> (already resolved) is <paramref name="folder"/> or below it.</summary>
    public static bool IsInside(string path, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(ResolveFolder(folder)));
        var full = Path.GetFullPath(path);
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string ResolveFolder(string folder)
    {
        // The project folder itself may be reached through a link (a temp folder, a checkout); compare real paths.
        var info = new DirectoryInfo(folder);
        return info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName : info.FullName;
    }

    private static string ResolveFinal(FileInfo info, string display)
    {
        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            throw new PolicyInputException(display, "is a symbolic link that loops or cannot be followed: refused");
        }
    }

    private static FileStream Open(string path, string display)
    {
        try
        {
            // Opening a pipe for reading waits for a writer; without O_NONBLOCK a link to a FIFO would hang the check
            // before any size or type test could run.
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                var flags = OperatingSystem.IsLinux() ? LinuxReadNonBlocking : MacReadNonBlocking;
                var descriptor = OpenFile(path, flags);
                if (descriptor < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw new PolicyInputException(display, errno == 13 ? "permission denied" : $"cannot be opened (errno {errno})");
                }

                return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize: 0);
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyInputException(display, ex is FileNotFoundException ? "file not found" : ex.Message);
        }
    }

    // O_RDONLY | O_NONBLOCK | O_CLOEXEC: Linux (x86-64 and arm64) and macOS values.
    private const int LinuxReadNonBlocking = 0x800 | 0x80000;
    private const int MacReadNonBlocking = 0x4 | 0x1000000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);
}

using System.Runtime.InteropServices;

namespace AuditInfra.Reader.Decoding;

/// <summary>
/// The optional system library libdeflate (https://github.com/ebiggers/libdeflate), bound at run time: a whole-buffer
/// DEFLATE decoder faster than the zlib-ng that .NET bundles (~1.35x on the benchmark corpus, docs/benchmarks.md). Absent, or switched off with the environment
/// variable <c>AUDITINFRA_LIBDEFLATE=0</c>, <see cref="IsAvailable"/> is false and callers use GZipStream.
/// Bound through <see cref="NativeLibrary"/> and function pointers, so Native AOT and trimming need nothing more.
/// Facts from libdeflate's public header (libdeflate.h, v1.x): <c>libdeflate_alloc_decompressor(void)</c> returns a
/// decompressor or NULL; <c>libdeflate_gzip_decompress_ex(d, in, in_nbytes, out, out_nbytes_avail,
/// actual_in_nbytes_ret, actual_out_nbytes_ret)</c> decodes ONE gzip member, checks its CRC32 and ISIZE, and returns
/// <c>enum libdeflate_result</c>; a decompressor may be used by one thread at a time.
/// </summary>
internal static unsafe class LibDeflate
{
    /// <summary>The environment variable that switches the library off ("0", "false" or "off").</summary>
    public const string SwitchVariable = "AUDITINFRA_LIBDEFLATE";

    // enum libdeflate_result (libdeflate.h).
    private const int Success = 0;

    // Names of the shared library per platform: Debian/Ubuntu ship libdeflate.so.0 (package libdeflate0), Homebrew
    // libdeflate.0.dylib, vcpkg and MSYS2 deflate.dll / libdeflate.dll.
    private static readonly string[] LibraryNames = ["libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib", "libdeflate.dll", "deflate.dll"];

    private static readonly delegate* unmanaged<nint> Alloc;
    private static readonly delegate* unmanaged<nint, void> Free;
    private static readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, nuint*, int> GzipDecompressEx;

    // Decompressors not in use. A decompressor is not thread-safe and costs tens of KB, so each call takes one and
    // gives it back; the slots bound how many are kept (more than the cores' worth are freed after use).
    private static readonly nint[] Idle = new nint[Math.Max(4, Environment.ProcessorCount * 2)];

    static LibDeflate()
    {
        var setting = Environment.GetEnvironmentVariable(SwitchVariable);
        if (setting is "0" || string.Equals(setting, "false", StringComparison.OrdinalIgnoreCase) || string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase))
        {
            Status = $"switched off ({SwitchVariable}={setting})";
            return;
        }

        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                if (NativeLibrary.TryGetExport(library, "libdeflate_alloc_decompressor", out var alloc)
                    && NativeLibrary.TryGetExport(library, "libdeflate_free_decompressor", out var free)
                    && NativeLibrary.TryGetExport(library, "libdeflate_gzip_decompress_ex", out var decompress))
                {
                    Alloc = (delegate* unmanaged<nint>)alloc;
                    Free = (delegate* unmanaged<nint, void>)free;
                    GzipDecompressEx = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint*, nuint*, int>)decompress;
                    IsAvailable = true;
                    Status = $"loaded {name}";
                    return;
                }

                // Too old to have the _ex call (before v1.0): keep it loaded (unloading is not worth the risk) and unused.
                Status = $"{name} lacks libdeflate_gzip_decompress_ex";
                return;
            }
        }

        Status = "not found";
    }

    /// <summary>True when the library was found, has the calls used here, and is not switched off.</summary>
    public static bool IsAvailable { get; }

    /// <summary>What happened when the library was looked for (for diagnostics).</summary>
    public static string Status { get; }

    /// <summary>
    /// Decodes <paramref name="input"/> as exactly one whole gzip member whose content fills <paramref name="output"/>
    /// exactly. False for anything else (damaged data or checksum, more or less content than the output holds, bytes
    /// left over after the member, the library unavailable or out of memory): the caller then decodes the same bytes
    /// with GZipStream, which tells what is wrong.
    /// </summary>
    public static bool TryDecodeOneMember(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (!IsAvailable || input.IsEmpty || output.IsEmpty)
        {
            return false;
        }

        var decompressor = Take();
        if (decompressor == 0)
        {
            return false;
        }

        int result;
        nuint consumed = 0, produced = 0;
        fixed (byte* inputPointer = input)
        fixed (byte* outputPointer = output)
        {
            result = GzipDecompressEx(decompressor, inputPointer, (nuint)input.Length, outputPointer, (nuint)output.Length, &consumed, &produced);
        }

        GiveBack(decompressor);
        return result == Success && consumed == (nuint)input.Length && produced == (nuint)output.Length;
    }

    private static nint Take()
    {
        for (var i = 0; i < Idle.Length; i++)
        {
            if (Volatile.Read(ref Idle[i]) != 0)
            {
                var taken = Interlocked.Exchange(ref Idle[i], 0);
                if (taken != 0)
                {
                    return taken;
                }
            }
        }

        return Alloc();
    }

    private static void GiveBack(nint decompressor)
    {
        for (var i = 0; i < Idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref Idle[i], decompressor, 0) == 0)
            {
                return;
            }
        }

        Free(decompressor);
    }
}

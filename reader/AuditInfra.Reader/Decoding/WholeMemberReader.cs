using System.Buffers;
using System.Buffers.Binary;

namespace AuditInfra.Reader.Decoding;

/// <summary>
/// Reads a stored object whole and decodes it with <see cref="LibDeflate"/> when it is exactly one valid gzip member of
/// a size worth it (see <see cref="GzipLineReader"/>): in memory already (decoded in place when the MemoryStream's
/// buffer is visible) or a local file, of at most <see cref="MaxStoredBytes"/>, whose trailer's ISIZE (RFC 1952
/// §2.3.1, the content size mod 2^32) is 1 byte to the cap. Otherwise says where the same bytes stream from.
/// </summary>
internal static class WholeMemberReader
{
    /// <summary>The largest stored (compressed) object read whole: 8 MiB, over the compressed size of 32 MiB of JSON Lines (4-10x smaller).</summary>
    public const int MaxStoredBytes = 8 << 20;

    // FLG.FHCRC (RFC 1952 §2.3.1): zlib checks the header's CRC16, libdeflate skips it, so such members stream.
    private const byte HeaderCrcFlag = 0x02;

    /// <summary>
    /// The object's content (pooled, the first <paramref name="size"/> bytes valid; the caller returns it), or null
    /// with <paramref name="rest"/> the stream to decode the same bytes from: <paramref name="source"/> itself when
    /// nothing was consumed, else the bytes read here followed by the rest of the source (also after a read failed
    /// part-way: the read is tried again there, and tells what it tells).
    /// </summary>
    /// <param name="source">A stored object at its start position; disposed here when decoded (an S3 body read ahead goes back to its budget).</param>
    /// <param name="maxSize">The largest content decoded whole.</param>
    public static byte[]? TryDecode(Stream source, long maxSize, out int size, out long storedBytes, out Stream rest)
    {
        size = 0;
        storedBytes = 0;
        rest = source;
        if (maxSize <= 0 || !LibDeflate.IsAvailable || StoredSize(source) is not (>= GzipLineReader.MinimumGzipMemberBytes and <= MaxStoredBytes and var length))
        {
            return null;
        }

        byte[]? content;
        if (source is MemoryStream memory && memory.TryGetBuffer(out var held))
        {
            // In memory already: decoded in place; when it cannot be, streamed from where it was.
            content = Decode(held.AsSpan((int)memory.Position, (int)length), maxSize, out size);
        }
        else if (PeekClaimedSize(source, length) is { } claimed && Fits(claimed, maxSize))
        {
            // Read whole only when its trailer claims a size decoded whole: a bigger one (a bomb) streams unread.
            var stored = ArrayPool<byte>.Shared.Rent((int)length + 1);
            var read = 0;
            try
            {
                ReadUpTo(source, stored, ref read);
            }
            catch (IOException)
            {
                // Streamed from the bytes read so far (below).
            }

            // One byte more than the length: the file grew since; it streams, reading on where this stopped.
            content = read == length ? Decode(stored.AsSpan(0, read), maxSize, out size) : null;
            if (content is null)
            {
                rest = new PrefixedStream(stored, read, source);
                return null;
            }

            ArrayPool<byte>.Shared.Return(stored);
        }
        else
        {
            return null;
        }

        if (content is not null)
        {
            storedBytes = length;
            source.Dispose();
        }

        return content;
    }

    private static bool Fits(uint claimedSize, long maxSize) => claimedSize > 0 && claimedSize <= maxSize;

    /// <summary>Stored bytes from the current position to the end of a local file or memory; -1 when not known (or not local).</summary>
    private static long StoredSize(Stream source)
    {
        try
        {
            return source is FileStream or MemoryStream ? source.Length - source.Position : -1;
        }
        catch (IOException)
        {
            return -1; // streams, and a file that cannot be read says so there
        }
    }

    /// <summary>
    /// The ISIZE the stored bytes end with (<paramref name="length"/> bytes from the current position), read with a
    /// seek there and back; null when it cannot be read (the object then streams, and a read that fails tells so there).
    /// </summary>
    private static uint? PeekClaimedSize(Stream source, long length)
    {
        var start = source.Position;
        Span<byte> isize = stackalloc byte[4];
        try
        {
            source.Position = start + length - 4;
            source.ReadExactly(isize);
            return BinaryPrimitives.ReadUInt32LittleEndian(isize);
        }
        catch (IOException)
        {
            return null; // EndOfStreamException (an IOException) too: the file shrank since its length was taken
        }
        finally
        {
            source.Position = start;
        }
    }

    /// <summary>Reads until <paramref name="into"/> is full or the source ends; <paramref name="length"/> counts what arrived, also when a read fails.</summary>
    private static void ReadUpTo(Stream source, byte[] into, ref int length)
    {
        int n;
        while (length < into.Length && (n = source.Read(into, length, into.Length - length)) > 0)
        {
            length += n;
        }
    }

    private static byte[]? Decode(ReadOnlySpan<byte> stored, long maxSize, out int size)
    {
        // ISIZE is only a claim: it sizes the buffer up to the cap, and libdeflate checks that the member decodes to
        // exactly that many bytes with the stored CRC32.
        var claimed = BinaryPrimitives.ReadUInt32LittleEndian(stored[^4..]);
        size = 0;
        if (!Fits(claimed, maxSize) || (stored[3] & HeaderCrcFlag) != 0)
        {
            return null;
        }

        var content = ArrayPool<byte>.Shared.Rent((int)claimed);
        if (!LibDeflate.TryDecodeOneMember(stored, content.AsSpan(0, (int)claimed)))
        {
            ArrayPool<byte>.Shared.Return(content);
            return null;
        }

        size = (int)claimed;
        return content;
    }
}

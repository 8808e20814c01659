using System.Buffers;
using System.IO.Compression;

namespace AuditInfra.Reader.Decoding;

/// <summary>
/// Streams the lines of a gzip JSON Lines object without loading it whole: one pooled buffer that grows only up
/// to the line limit, so a 10 MB line costs at most the limit, never the line. Tells corrupt data (not gzip, bad
/// checksum) from a truncated object (no trailer), which GZipStream alone reports as a silent, normal end.
/// An object may hold several gzip members one after another (RFC 1952 §2.2; multipart writers compress each
/// part on its own): they are read as one stream of lines, each whole member's CRC32 and ISIZE are checked by
/// zlib as it ends, and the last member must end with its trailer, or the object is truncated.
/// When the optional system library libdeflate is there (<see cref="LibDeflate"/>) and the object is in memory or a
/// local file of at most <see cref="WholeMemberReader.MaxStoredBytes"/>, it is first decoded whole, in one call, into one buffer
/// of ISIZE bytes (the size its trailer states, RFC 1952 §2.3.1) that the lines are served from. That only ever
/// answers "these bytes are exactly one whole, valid gzip member of that size"; any other outcome decodes the same
/// bytes with GZipStream as above, so damage is always told by the streaming path.
/// Not thread-safe; one per object.
/// </summary>
public sealed class GzipLineReader : IDisposable
{
    /// <summary>The default longest line: audit records are a few KB; a megabyte leaves room for big Kubernetes objects.</summary>
    public const int DefaultMaxLineBytes = 1 << 20;

    /// <summary>
    /// The default largest content (ISIZE) decoded whole: 32 MiB. Delivered objects hold KB to a few MB; bigger ones
    /// stream in bounded memory as before, so the buffer a reader holds is at most this (the trailer's claim is never
    /// trusted beyond it), whatever the input.
    /// </summary>
    public const long DefaultMaxWholeObjectBytes = 32L << 20;

    /// <summary>The shortest whole gzip member: a 10-byte header and an 8-byte trailer (RFC 1952 §2.3).</summary>
    internal const int MinimumGzipMemberBytes = 18;

    private const int ReadChunk = 64 * 1024;

    private readonly Stream _source;
    private readonly int _maxLineBytes;
    private readonly long _maxWholeObjectBytes;
    private readonly bool _localData;
    private TailTrackingStream? _compressed;
    private GZipStream? _gzip;
    private long _wholeStoredBytes;
    private int _wholeSize;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private bool _skipping;
    private bool _startChecked;

    // Where each decompressing read ended, in uncompressed bytes. zlib stops its output at the end of a member, so
    // every member boundary is among these: the last member starts at one of them (8 bytes per 64 KiB read).
    private long[] _readEnds = new long[8];
    private int _readEndCount = 1;

    /// <param name="compressed">The stored object, read from its current position; disposed with the reader.</param>
    /// <param name="maxLineBytes">The longest line handed out (without its line break); longer ones are skipped as <see cref="LineRead.TooLong"/>.</param>
    /// <param name="maxWholeObjectBytes">
    /// The largest content (ISIZE) decoded whole with libdeflate; 0 always streams. A caller that stops reading past
    /// a number of decompressed bytes passes at most that, so what it sees does not depend on the path.
    /// </param>
    public GzipLineReader(Stream compressed, int maxLineBytes = DefaultMaxLineBytes, long maxWholeObjectBytes = DefaultMaxWholeObjectBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWholeObjectBytes);
        // Local files read synchronously: on Linux FileStream.ReadAsync queues every read to the thread pool,
        // which costs a thread hop per chunk and, on a busy machine, most of the workers' CPU share.
        _localData = compressed is FileStream or MemoryStream;
        _source = compressed;
        _maxLineBytes = maxLineBytes;
        _maxWholeObjectBytes = Math.Min(maxWholeObjectBytes, int.MaxValue - 64);
        _buffer = [];
    }

    /// <summary>1-based number of the line last returned (too-long lines count).</summary>
    public long LineNumber { get; private set; }

    public long UncompressedBytes { get; private set; }

    public long CompressedBytes => _compressed?.BytesRead ?? _wholeStoredBytes;

    /// <summary>True once the object was decoded whole by libdeflate (the fast path); false while or when it streams.</summary>
    public bool DecodedWhole { get; private set; }

    /// <summary>Returns the next complete line from what has been decompressed so far, without blocking.</summary>
    public LineRead TryReadLine(out ReadOnlySpan<byte> line)
    {
        line = default;
        if (!_startChecked && !SkipByteOrderMark())
        {
            return LineRead.NeedMoreData;
        }
        if (_skipping)
        {
            var rest = _buffer.AsSpan(_start, _end - _start);
            var nl = rest.IndexOf((byte)'\n');
            if (nl < 0)
            {
                _start = _scanned = _end;
                return _eof ? LineRead.End : LineRead.NeedMoreData;
            }

            _start += nl + 1;
            _scanned = _start;
            _skipping = false;
        }

        var from = Math.Max(_start, _scanned);
        var found = _buffer.AsSpan(from, _end - from).IndexOf((byte)'\n');
        if (found >= 0)
        {
            var stop = from + found;
            line = TrimCarriageReturn(_buffer.AsSpan(_start, stop - _start));
            _start = _scanned = stop + 1;
            LineNumber++;
            return line.Length > _maxLineBytes ? SkipTooLong(ref line) : LineRead.Line;
        }

        _scanned = _end;
        // One byte more than the limit may still be a carriage return before the line break, which is not part of
        // the line: so a line is too long exactly when it is, wherever the decoded chunks happen to end.
        if (_end - _start > _maxLineBytes + 1)
        {
            // Skip the rest of this line as it streams in; keeping it would make memory follow the data.
            LineNumber++;
            _skipping = true;
            _start = _scanned = _end;
            return LineRead.TooLong;
        }

        if (!_eof)
        {
            return LineRead.NeedMoreData;
        }

        if (_start < _end)
        {
            line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
            _start = _scanned = _end;
            LineNumber++;
            return line.Length > _maxLineBytes ? SkipTooLong(ref line) : LineRead.Line;
        }

        return LineRead.End;
    }

    /// <summary>Decompresses the next chunk. At the end of the data, checks the gzip trailer.</summary>
    /// <exception cref="ObjectDecodeException">The object is not gzip, is damaged, truncated or unreadable.</exception>
    public async ValueTask FillAsync(CancellationToken cancellationToken = default)
    {
        if (_eof)
        {
            return;
        }

        if (DecodedWhole || (_gzip is null && TryDecodeWhole()))
        {
            ReleaseWindow();
            return;
        }

        Compact();
        int n;
        try
        {
            n = _localData ? _gzip!.Read(_buffer.AsSpan(_end)) : await _gzip!.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new ObjectDecodeException(ObjectDamage.Corrupt, $"not gzip or damaged compressed data after {UncompressedBytes} bytes ({ex.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new ObjectDecodeException(ObjectDamage.Unreadable, $"could not be read to its end after {CompressedBytes} stored bytes ({ex.Message})", ex);
        }

        if (n == 0)
        {
            _eof = true;
            CheckTrailer();
            return;
        }

        _end += n;
        UncompressedBytes += n;
        if (_readEndCount == _readEnds.Length)
        {
            Array.Resize(ref _readEnds, _readEnds.Length * 2);
        }

        _readEnds[_readEndCount++] = UncompressedBytes;
    }

    public void Dispose()
    {
        if (_gzip is not null)
        {
            _gzip.Dispose();
        }
        else
        {
            _source.Dispose();
        }

        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Skips a UTF-8 byte order mark at the very start of the object (RFC 8259 §8.1 lets a parser ignore it; some
    /// writers put one there). False until enough bytes are there to tell.
    /// </summary>
    private bool SkipByteOrderMark()
    {
        if (_end - _start < 3 && !_eof)
        {
            return false;
        }

        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
            _scanned = _start;
        }

        _startChecked = true;
        return true;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private LineRead SkipTooLong(ref ReadOnlySpan<byte> line)
    {
        line = default;
        return LineRead.TooLong;
    }

    /// <summary>
    /// Decodes the object whole when it is one valid gzip member small enough (see the class summary). Otherwise sets
    /// up the streaming decoder over the same bytes (those read for it first, then the rest of the source) and is false.
    /// </summary>
    private bool TryDecodeWhole()
    {
        var content = WholeMemberReader.TryDecode(_source, _maxWholeObjectBytes, out var size, out var storedBytes, out var rest);
        if (content is not null)
        {
            _buffer = content;
            _start = _scanned = _end = 0;
            _wholeSize = size;
            _wholeStoredBytes = storedBytes;
            DecodedWhole = true;
            return true;
        }

        _compressed = new TailTrackingStream(rest);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: false);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(_maxLineBytes + 1, 4 * ReadChunk));
        return false;
    }

    /// <summary>
    /// Hands the next window of a whole object to <see cref="TryReadLine"/>: served in the steps the streaming path
    /// decodes in, its caller still pauses between batches (so what it holds follows the window, not the object) and
    /// counts the bytes it got to, as when the object streams.
    /// </summary>
    private void ReleaseWindow()
    {
        _end = (int)Math.Min(_wholeSize, (long)_end + ReadChunk);
        UncompressedBytes = _end;
        _eof = _end == _wholeSize;
    }

    private void Compact()
    {
        if (_start > 0)
        {
            var live = _end - _start;
            _buffer.AsSpan(_start, live).CopyTo(_buffer);
            _scanned -= _start;
            _end = live;
            _start = 0;
        }

        if (_buffer.Length - _end < ReadChunk / 4)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _end + ReadChunk));
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
    }

    private bool LastMemberIsWhole(uint trailerSize)
    {
        // Newest first: the last member usually started at one of the last boundaries (the very last one when it is
        // an empty member, ISIZE 0).
        for (var i = _readEndCount - 1; i >= 0; i--)
        {
            if (unchecked((uint)(UncompressedBytes - _readEnds[i])) == trailerSize)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckTrailer()
    {
        var stored = _compressed!.BytesRead;
        if (stored == 0)
        {
            return; // an empty object is an empty delivery, not damage
        }

        // A whole gzip member ends with ISIZE (its uncompressed length mod 2^32), and the last member starts where a
        // read ended. A cut-off object ends in deflate data, which matches by chance with odds of about one in four
        // billion per read. zlib has checked every member that ended (CRC32 and ISIZE); an earlier member cut short
        // runs into the next member's bytes and fails there as damaged data.
        if (stored < MinimumGzipMemberBytes || !LastMemberIsWhole(_compressed.TrailerSize))
        {
            throw new ObjectDecodeException(
                ObjectDamage.Truncated,
                $"truncated: the gzip data ends after {stored} stored bytes ({UncompressedBytes} decompressed) without its trailer");
        }
    }
}

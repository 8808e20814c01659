using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace AuditInfra.Reader.Verification.Duplicates;

/// <summary>
/// One sorted run in a shard's spill file, read forward through a small buffer. Each entry: hash (16 bytes),
/// object ordinal (4), line (8), flags (1), identity length (2), identity bytes; integers little-endian.
/// </summary>
internal sealed class SightingRun(SafeFileHandle file, long start, long length, byte[] buffer)
{
    public const int HeaderBytes = 31;

    /// <summary>The read buffer of one run: a merge holds one per run of a shard (a few hundred at 100 M records).</summary>
    public const int BufferBytes = 16 << 10;
    private readonly byte[] _buffer = buffer;
    private long _next = start;
    private readonly long _end = start + length;
    private int _at;
    private int _filled;
    private int _identityAt;

    public UInt128 Hash { get; private set; }

    public int Object { get; private set; }

    public long Line { get; private set; }

    public SightingFlags Flags { get; private set; }

    public ReadOnlySpan<byte> Identity => _buffer.AsSpan(_identityAt, _at - _identityAt);

    public SightingKey Key => new(Hash, Object, Line);

    /// <summary>The read buffer, for the next run once this one is done.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Writes one entry; returns its length.</summary>
    public static int Encode(in Sighting s, ReadOnlySpan<byte> identity, Span<byte> into)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(into, s.Hash);
        BinaryPrimitives.WriteInt32LittleEndian(into[16..], s.Object);
        BinaryPrimitives.WriteInt64LittleEndian(into[20..], s.Line);
        into[28] = (byte)s.Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(into[29..], (ushort)identity.Length);
        identity.CopyTo(into[HeaderBytes..]);
        return HeaderBytes + identity.Length;
    }

    public bool MoveNext()
    {
        if (!Ensure(HeaderBytes))
        {
            return false;
        }

        var header = _buffer.AsSpan(_at, HeaderBytes);
        var identityLength = BinaryPrimitives.ReadUInt16LittleEndian(header[29..]);
        Hash = BinaryPrimitives.ReadUInt128LittleEndian(header);
        Object = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        Line = BinaryPrimitives.ReadInt64LittleEndian(header[20..]);
        Flags = (SightingFlags)header[28];
        if (!Ensure(HeaderBytes + identityLength))
        {
            throw new IOException("a temporary file of record ids ended inside an entry");
        }

        _identityAt = _at + HeaderBytes;
        _at += HeaderBytes + identityLength;
        return true;
    }

    /// <summary>Makes <paramref name="bytes"/> bytes from the current position available in the buffer.</summary>
    private bool Ensure(int bytes)
    {
        if (_filled - _at >= bytes)
        {
            return true;
        }

        var kept = _filled - _at;
        _buffer.AsSpan(_at, kept).CopyTo(_buffer);
        _at = 0;
        _filled = kept;
        while (_filled < bytes && _next < _end)
        {
            var want = (int)Math.Min(_buffer.Length - _filled, _end - _next);
            var read = RandomAccess.Read(file, _buffer.AsSpan(_filled, want), _next);
            if (read == 0)
            {
                throw new IOException("a temporary file of record ids is shorter than what was written to it");
            }

            _filled += read;
            _next += read;
        }

        return _filled >= bytes;
    }
}

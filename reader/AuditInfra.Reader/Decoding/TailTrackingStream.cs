namespace AuditInfra.Reader.Decoding;

/// <summary>
/// Passes a compressed stream through while counting its bytes and keeping the last eight. GZipStream ends
/// silently on a truncated member, so the line reader checks the gzip trailer (CRC32 + ISIZE) from these.
/// </summary>
internal sealed class TailTrackingStream : ReadOnlyForwardStream
{
    private readonly Stream _inner;
    private readonly byte[] _tail = new byte[8];

    public TailTrackingStream(Stream inner)
    {
        _inner = inner;
    }

    public long BytesRead { get; private set; }

    protected override long BytesSoFar => BytesRead;

    /// <summary>The little-endian ISIZE field of the last eight bytes read (uncompressed length mod 2^32).</summary>
    public uint TrailerSize => BitConverter.ToUInt32(_tail, 4);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        Track(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken);
        Track(buffer.Span[..n]);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Track(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 8)
        {
            data[^8..].CopyTo(_tail);
        }
        else if (data.Length > 0)
        {
            _tail.AsSpan(data.Length).CopyTo(_tail);
            data.CopyTo(_tail.AsSpan(8 - data.Length));
        }

        BytesRead += data.Length;
    }
}

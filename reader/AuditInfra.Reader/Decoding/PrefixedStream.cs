using System.Buffers;

namespace AuditInfra.Reader.Decoding;

/// <summary>
/// Bytes already read from a stream, then the rest of that stream: how the line reader hands an object it read whole
/// (and could not decode in one piece) to GZipStream as if nothing had been read yet. Owns both: the prefix goes back
/// to the pool and the stream is disposed with it. Reading past the prefix reads the stream, so a read that failed
/// while the object was read whole fails again in GZipStream's hands, after the bytes before it were decoded.
/// </summary>
internal sealed class PrefixedStream : ReadOnlyForwardStream
{
    private readonly Stream _inner;
    private byte[]? _prefix;
    private readonly int _prefixLength;
    private int _offset;
    private long _innerRead;

    /// <param name="prefix">Pooled bytes (from <see cref="ArrayPool{T}.Shared"/>), the first <paramref name="prefixLength"/> of them valid.</param>
    public PrefixedStream(byte[] prefix, int prefixLength, Stream inner)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _inner = inner;
    }

    protected override long BytesSoFar => _offset + _innerRead;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (TryReadPrefix(buffer, out var n))
        {
            return n;
        }

        n = _inner.Read(buffer);
        _innerRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (TryReadPrefix(buffer.Span, out var n))
        {
            return n;
        }

        n = await _inner.ReadAsync(buffer, cancellationToken);
        _innerRead += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleasePrefix();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool TryReadPrefix(Span<byte> buffer, out int n)
    {
        n = 0;
        if (_prefix is null || buffer.IsEmpty)
        {
            return buffer.IsEmpty;
        }

        n = Math.Min(buffer.Length, _prefixLength - _offset);
        _prefix.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        if (_offset == _prefixLength)
        {
            ReleasePrefix();
        }

        return n > 0;
    }

    private void ReleasePrefix()
    {
        var prefix = _prefix;
        _prefix = null;
        if (prefix is not null)
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }
}

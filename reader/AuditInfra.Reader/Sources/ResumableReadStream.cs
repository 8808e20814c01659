using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// A read-only stream over an object that, when the connection breaks mid-body, reopens it from the byte where it
/// stopped (an HTTP range request) after a backoff, so a transient failure costs a retry instead of a finding.
/// </summary>
internal sealed class ResumableReadStream : ReadOnlyForwardStream
{
    private readonly Func<long, CancellationToken, Task<Stream>> _openAt;
    private readonly RetryPolicy _retry;
    private Stream? _current;
    private long _position;

    public ResumableReadStream(Stream first, Func<long, CancellationToken, Task<Stream>> openAt, RetryPolicy retry)
    {
        _current = first;
        _openAt = openAt;
        _retry = retry;
    }

    /// <summary>How often the body was reopened after a failure (for tests and diagnostics).</summary>
    public int Resumes { get; private set; }

    protected override long BytesSoFar => _position;

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _current ??= await _openAt(_position, cancellationToken);
                var n = await _current.ReadAsync(buffer, cancellationToken);
                _position += n;
                return n;
            }
            catch (Exception ex) when (attempt < _retry.MaxRetries && S3ErrorTranslator.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (_current is not null)
                {
                    await _current.DisposeAsync();
                    _current = null;
                }

                Resumes++;
                await Task.Delay(_retry.DelayFor(attempt), cancellationToken);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
        }

        base.Dispose(disposing);
    }
}

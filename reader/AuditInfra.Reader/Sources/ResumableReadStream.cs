using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// A read-only stream over an object that, when the connection breaks mid-body, reopens it from the byte where it
/// stopped (an HTTP range request) after a backoff, so a transient failure costs a retry instead of a finding.
/// Every read is bounded by a timeout: a body that stalls after its headers counts as a broken connection (the SDK's
/// own timeout only covers the response headers), so no read waits forever. When the retries are used up the
/// failure surfaces as an <see cref="IOException"/> (or the source's <see cref="LogSourceException"/>), which the
/// decoder reports as an unreadable object, never as corrupt data.
/// </summary>
internal sealed class ResumableReadStream : ReadOnlyForwardStream
{
    private readonly Func<long, CancellationToken, Task<Stream>> _openAt;
    private readonly RetryPolicy _retry;
    private Stream? _current;
    private long _position;

    private readonly TimeSpan _readTimeout;

    public ResumableReadStream(Stream first, Func<long, CancellationToken, Task<Stream>> openAt, RetryPolicy retry, TimeSpan readTimeout)
    {
        _current = first;
        _openAt = openAt;
        _retry = retry;
        _readTimeout = readTimeout;
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
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(_readTimeout);
                int n;
                try
                {
                    n = await _current.ReadAsync(buffer, bounded.Token);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"no data for {_readTimeout.TotalSeconds:0.#} s after {_position} bytes (the S3:ReadTimeout setting)", ex);
                }

                _position += n;
                return n;
            }
            catch (Exception ex) when (ex is not LogSourceException && attempt >= _retry.MaxRetries && S3ErrorTranslator.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"the body broke off after {_position} bytes and {attempt} resume(s): {ex.Message}", ex);
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

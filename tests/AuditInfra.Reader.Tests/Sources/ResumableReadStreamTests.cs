using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Tests.Sources;

public class ResumableReadStreamTests
{
    [Fact]
    public async Task A_broken_body_is_reopened_from_where_it_stopped()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var opens = new List<long>();
        Task<Stream> OpenAt(long offset, CancellationToken ct)
        {
            opens.Add(offset);
            return Task.FromResult<Stream>(new BreakingStream(data, (int)offset, breakAfter: opens.Count < 3 ? 30_000 : int.MaxValue));
        }

        using var stream = new ResumableReadStream(await OpenAt(0, default), OpenAt, new RetryPolicy(4, TimeSpan.FromMilliseconds(1)), TimeSpan.FromSeconds(30));
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(2, stream.Resumes);
        Assert.Equal([0L, 30_000L, 60_000L], opens);
    }

    [Fact]
    public async Task Gives_up_after_the_retries()
    {
        var data = new byte[1000];
        Task<Stream> OpenAt(long offset, CancellationToken ct) => Task.FromResult<Stream>(new BreakingStream(data, (int)offset, breakAfter: 0));
        using var stream = new ResumableReadStream(await OpenAt(0, default), OpenAt, new RetryPolicy(2, TimeSpan.FromMilliseconds(1)), TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Equal(2, stream.Resumes);
    }

    [Fact]
    public async Task A_body_that_stalls_after_its_headers_times_out_and_is_resumed()
    {
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        var opens = 0;
        Task<Stream> OpenAt(long offset, CancellationToken ct) =>
            Task.FromResult<Stream>(++opens == 1 ? new StallingStream() : new BreakingStream(data, (int)offset, int.MaxValue));

        using var stream = new ResumableReadStream(await OpenAt(0, default), OpenAt, new RetryPolicy(2, TimeSpan.FromMilliseconds(1)), TimeSpan.FromMilliseconds(200));
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(1, stream.Resumes);
    }

    [Fact]
    public async Task A_body_that_always_stalls_ends_in_an_io_error_not_a_hang()
    {
        Task<Stream> OpenAt(long offset, CancellationToken ct) => Task.FromResult<Stream>(new StallingStream());
        using var stream = new ResumableReadStream(await OpenAt(0, default), OpenAt, new RetryPolicy(2, TimeSpan.FromMilliseconds(1)), TimeSpan.FromMilliseconds(100));
        var error = await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(Stream.Null).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("ReadTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, stream.Resumes);
    }

    /// <summary>Headers arrived, the body never does: every read waits until it is cancelled.</summary>
    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Serves bytes from an offset and fails with an IOException (a reset connection) after some of them.</summary>
    private sealed class BreakingStream(byte[] data, int offset, int breakAfter) : Stream
    {
        private int _served;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset1, int count) => Read(buffer.AsSpan(offset1, count));

        public override int Read(Span<byte> buffer)
        {
            if (_served >= breakAfter)
            {
                throw new IOException("connection reset by peer");
            }

            var n = Math.Min(Math.Min(buffer.Length, breakAfter - _served), data.Length - offset - _served);
            data.AsSpan(offset + _served, n).CopyTo(buffer);
            _served += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset1, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset1, int count) => throw new NotSupportedException();
    }
}

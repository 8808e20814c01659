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

        using var stream = new ResumableReadStream(await OpenAt(0, default), OpenAt, new RetryPolicy(4, TimeSpan.FromMilliseconds(1)));
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
        using var stream = new ResumableReadStream(await OpenAt(0, default), OpenAt, new RetryPolicy(2, TimeSpan.FromMilliseconds(1)));
        await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Equal(2, stream.Resumes);
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

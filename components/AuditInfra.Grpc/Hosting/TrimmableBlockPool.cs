using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// The memory pool Kestrel buffers connections with (4 KiB pinned blocks, its own block size), which keeps returned
/// blocks for reuse like Kestrel's own pool, so a large answer is written into the blocks its request arrived in, and
/// which can be trimmed at once. Kestrel's default pool (.NET 10's PinnedBlockMemoryPool) releases 5% of its idle
/// blocks per 10 s, so after one 200 MB message a plugin held about 200 MiB of blocks for minutes;
/// <see cref="LargeMessageBudget"/> trims these pools to a small reserve when the last large call has ended.
/// </summary>
internal sealed class TrimmableBlockPool : MemoryPool<byte>
{
    /// <summary>Kestrel's block size: it asks for at most this much at once (HTTP/2 frames are copied in pieces).</summary>
    public const int BlockSize = 4096;

    private readonly ConcurrentQueue<byte[]> _free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        var array = _free.TryDequeue(out var reused) ? reused : GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true); // sockets use it without pinning
        return new Block(this, array);
    }

    /// <summary>Lets all free blocks but <paramref name="keepBytes"/> go to the garbage collector.</summary>
    public void Trim(int keepBytes)
    {
        for (var excess = _free.Count - (keepBytes / BlockSize); excess > 0 && _free.TryDequeue(out _); excess--)
        {
        }
    }

    protected override void Dispose(bool disposing) => _free.Clear();

    private sealed class Block(TrimmableBlockPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(TrimmableBlockPool));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                pool._free.Enqueue(returned);
            }
        }
    }

    /// <summary>What Kestrel and its socket transport resolve to create their pools; trims every pool it made.</summary>
    public sealed class Factory : IMemoryPoolFactory<byte>
    {
        private readonly ConcurrentBag<TrimmableBlockPool> _pools = [];

        public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
        {
            var pool = new TrimmableBlockPool();
            _pools.Add(pool);
            return pool;
        }

        /// <summary>Trims each pool to <paramref name="keepBytes"/> of free blocks.</summary>
        public void Trim(int keepBytes)
        {
            foreach (var pool in _pools)
            {
                pool.Trim(keepBytes);
            }
        }
    }
}

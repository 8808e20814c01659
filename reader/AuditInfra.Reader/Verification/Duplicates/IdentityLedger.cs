using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.ExceptionServices;
using System.Runtime.CompilerServices;
using AuditInfra.Reader.Records;
using Microsoft.Win32.SafeHandles;

namespace AuditInfra.Reader.Verification.Duplicates;

/// <summary>
/// Every record identity of a run, kept so that exact repeats can be found at the end in bounded memory. Each
/// identity is held as its 128-bit XxHash128, its place (object ordinal, line) and its bytes (up to
/// <see cref="MaxStoredIdentityBytes"/>), in 16 shards by hash. A shard that reaches its part of the memory budget
/// sorts what it holds by (hash, object, line) and appends it to a temporary file as a run; at the end each shard's
/// runs are merged, and copies of one hash are compared byte for byte, so a hash collision is never a duplicate and
/// a repeat is never missed. Time is linear in the number of identities plus the sort (n log n in chunks of the
/// budget); disk use is about 31 bytes plus the identity per record (~90 bytes for Akamai's and Kubernetes' ids),
/// only once the budget is exceeded. Adding is thread-safe; <see cref="FindRepeats"/> runs once, after every add.
/// Each thread adds into a small batch of its own, handed to the shards in bulk (one lock per shard per batch):
/// a lock per identity cost ~2.5% of verify's CPU with eight workers on two cores.
/// </summary>
public sealed class IdentityLedger : IDisposable
{
    /// <summary>Longer identities keep this prefix and are told apart by prefix plus 128-bit hash (reported as such).</summary>
    public const int MaxStoredIdentityBytes = 1024;

    /// <summary>Memory for identities before runs are spilled to disk: with the reader's own ~100 MiB this keeps verify under 256 MB.</summary>
    public const long DefaultMemoryBytes = 64L << 20;

    /// <summary>Repeats a shard merged ahead of the one being handed on may hold before it waits.</summary>
    private const int RepeatsAhead = 1024;

    private const int ShardBits = 4;

    /// <summary>Sightings a thread gathers before handing them to the shards: ~64 per shard lock.</summary>
    private const int BatchSightings = 1024;

    private readonly Shard[] _shards;
    private readonly ThreadLocal<Batch> _batch;
    private readonly List<Batch> _batches = [];
    private readonly string _tempRoot;
    private readonly Lock _folderLock = new();
    private DirectoryInfo? _spillFolder;

    /// <param name="memoryBytes">The in-memory budget over all shards (at least 64 KiB).</param>
    /// <param name="tempRoot">Where the spill folder is created (default: the system temp folder, which honours TMPDIR).</param>
    public IdentityLedger(long memoryBytes = DefaultMemoryBytes, string? tempRoot = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryBytes, 64L << 10);
        _tempRoot = tempRoot ?? Path.GetTempPath();
        _shards = [.. Enumerable.Range(0, 1 << ShardBits).Select(_ => new Shard(this, memoryBytes >> ShardBits))];
        // The ledger keeps every batch itself, so a batch whose thread has ended is still handed on at the end.
        _batch = new ThreadLocal<Batch>(() =>
        {
            var batch = new Batch();
            lock (_batches)
            {
                _batches.Add(batch);
            }

            return batch;
        });
    }

    /// <summary>Identities added so far (complete once the adding threads are done).</summary>
    public long Count
    {
        get
        {
            lock (_batches)
            {
                return _shards.Sum(s => s.Added) + _batches.Sum(b => b.Count);
            }
        }
    }

    /// <summary>Sorted runs written to disk so far (0 while everything fits the budget).</summary>
    public int Runs => _shards.Sum(s => s.RunCount);

    /// <summary>Bytes written to the spill files so far.</summary>
    public long SpilledBytes => _shards.Sum(s => s.FileLength);

    /// <summary>Adds one identity read at (<paramref name="objectOrdinal"/>, <paramref name="line"/>).</summary>
    /// <param name="identity">The identity's bytes (<see cref="RecordIdentity.TryWriteUtf8"/>).</param>
    /// <param name="kubernetes">A Kubernetes (auditID, stage) identity; never equal to a CloudEvents one.</param>
    /// <exception cref="IOException">The spill file cannot be written (disk full, temp folder not writable).</exception>
    public void Add(ReadOnlySpan<byte> identity, bool kubernetes, int objectOrdinal, long line)
    {
        var flags = kubernetes ? SightingFlags.Kubernetes : SightingFlags.None;
        var hash = XxHash128.HashToUInt128(identity);
        if (identity.Length > MaxStoredIdentityBytes)
        {
            flags |= SightingFlags.Truncated;
            identity = identity[..MaxStoredIdentityBytes];
        }

        var batch = _batch.Value!;
        if (batch.Count == BatchSightings || batch.Used + identity.Length > batch.Bytes.Length)
        {
            Hand(batch);
        }

        identity.CopyTo(batch.Bytes.AsSpan(batch.Used));
        batch.Items[batch.Count++] = new Sighting { Hash = hash, Object = objectOrdinal, Line = line, Offset = batch.Used, Length = (ushort)identity.Length, Flags = flags };
        batch.Used += identity.Length;
    }

    /// <summary>
    /// Calls <paramref name="onRepeat"/> for every identity read again, once per extra copy, with the place it was
    /// first read (listing order, then line). Shard by shard, in shard order, on the calling thread.
    /// </summary>
    /// <remarks>
    /// The shards' last sorts and merges are the only part of a run that is not spread over the reading workers, so
    /// up to one shard per processor is merged at a time. Their repeats are still handed on in shard order, as a
    /// one-at-a-time merge hands them on: a caller that keeps only the first N findings keeps the same ones. A shard
    /// ahead of the one being handed on waits once it holds <see cref="RepeatsAhead"/> repeats, so memory stays
    /// bounded however many copies there are.
    /// </remarks>
    /// <exception cref="IOException">A spill file cannot be written or read back.</exception>
    public void FindRepeats(Action<RepeatedIdentity> onRepeat)
    {
        lock (_batches)
        {
            foreach (var batch in _batches)
            {
                Hand(batch);
            }
        }

        // Merges running at once hand their run buffers on to the next shard, so memory holds `ahead` shards' worth.
        var ahead = Math.Clamp(Environment.ProcessorCount, 1, _shards.Length);
        var buffers = new ConcurrentStack<byte[]>();
        var outputs = new BlockingCollection<RepeatedIdentity>[_shards.Length];
        var failures = new Exception?[_shards.Length];
        var merges = new List<Task>(_shards.Length);
        using var stop = new CancellationTokenSource();
        try
        {
            for (var i = 0; i < _shards.Length; i++)
            {
                // Only the shards from the one being handed on to `ahead` past it run, so the one handed on always runs.
                while (merges.Count < _shards.Length && merges.Count < i + ahead)
                {
                    var index = merges.Count;
                    var output = outputs[index] = new BlockingCollection<RepeatedIdentity>(RepeatsAhead);
                    merges.Add(Task.Factory.StartNew(
                        () =>
                        {
                            try
                            {
                                _shards[index].FindRepeats(new RepeatFinder(repeat => output.Add(repeat, stop.Token)), buffers);
                            }
                            catch (Exception ex)
                            {
                                failures[index] = ex;
                            }
                            finally
                            {
                                output.CompleteAdding();
                            }
                        },
                        CancellationToken.None, // started merges always run, so each one's output is completed
                        TaskCreationOptions.LongRunning, // blocks on a full output: a thread of its own, not the pool's
                        TaskScheduler.Default));
                }

                foreach (var repeat in outputs[i].GetConsumingEnumerable())
                {
                    onRepeat(repeat);
                }

                if (failures[i] is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }
            }
        }
        finally
        {
            // On a failure the merges still running stop at their next repeat; wait for them before their outputs go.
            stop.Cancel();
            Task.WaitAll(merges);
            foreach (var output in outputs)
            {
                output?.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _batch.Dispose();
        foreach (var shard in _shards)
        {
            shard.Dispose();
        }

        if (_spillFolder is { } folder)
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // The files in it were unlinked when created; an empty folder left in temp is harmless.
            }
        }
    }

    /// <summary>Hands a batch's sightings to their shards, taking each shard's lock once, and empties it.</summary>
    private void Hand(Batch batch)
    {
        Span<int> ends = stackalloc int[1 << ShardBits];
        ends.Clear();
        var items = batch.Items.AsSpan(0, batch.Count);
        foreach (ref readonly var item in items)
        {
            ends[ShardOf(item.Hash)]++;
        }

        var sum = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            sum += ends[i];
            ends[i] = sum;
        }

        // A counting sort by shard (stable, so each shard gets its sightings in the order they were added).
        var order = batch.Order;
        for (var i = items.Length - 1; i >= 0; i--)
        {
            order[--ends[ShardOf(items[i].Hash)]] = i;
        }

        var from = 0;
        while (from < items.Length)
        {
            var index = ShardOf(items[order[from]].Hash);
            var shard = _shards[index];
            lock (shard)
            {
                for (; from < items.Length && ShardOf(items[order[from]].Hash) == index; from++)
                {
                    ref readonly var s = ref items[order[from]];
                    shard.Add(s.Hash, batch.Bytes.AsSpan(s.Offset, s.Length), s.Flags, s.Object, s.Line);
                }
            }
        }

        batch.Count = 0;
        batch.Used = 0;
    }

    private static int ShardOf(UInt128 hash) => (int)(hash >> (128 - ShardBits));

    /// <summary>A new spill file, unlinked at once so nothing is left behind even if the process is killed.</summary>
    private SafeFileHandle CreateSpillFile()
    {
        string path;
        lock (_folderLock)
        {
            _spillFolder ??= Directory.CreateTempSubdirectory("auditinfra-ids-");
            // A temp cleaner may remove the (empty: its files are unlinked) folder during a long run: make it again.
            Directory.CreateDirectory(_spillFolder.FullName);
            path = Path.Combine(_spillFolder.FullName, Path.GetRandomFileName());
        }

        try
        {
            var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete);
            File.Delete(path);
            return handle;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write record ids to a temporary file in {_tempRoot}: {ex.Message}", ex);
        }
    }

    private sealed class Shard(IdentityLedger owner, long budget) : IDisposable
    {
        private static readonly int SightingBytes = Unsafe.SizeOf<Sighting>();
        private readonly List<(long Start, long Length)> _runs = [];
        private Sighting[] _items = new Sighting[256];
        private byte[] _arena = new byte[16 << 10];
        private byte[]? _spillBuffer;
        private int _count;
        private int _used;
        private SafeFileHandle? _file;

        public long Added { get; private set; }

        public int RunCount => _runs.Count;

        public long FileLength { get; private set; }

        public void Add(UInt128 hash, ReadOnlySpan<byte> identity, SightingFlags flags, int objectOrdinal, long line)
        {
            if (_count == _items.Length && !TryGrow(ref _items, _items.Length * 2L * SightingBytes + _arena.Length))
            {
                Spill();
            }

            if (_used + identity.Length > _arena.Length && !TryGrow(ref _arena, (long)_items.Length * SightingBytes + (_arena.Length * 2L)))
            {
                Spill();
            }

            identity.CopyTo(_arena.AsSpan(_used));
            _items[_count++] = new Sighting { Hash = hash, Object = objectOrdinal, Line = line, Offset = _used, Length = (ushort)identity.Length, Flags = flags };
            _used += identity.Length;
            Added++;
        }

        public void FindRepeats(RepeatFinder finder, ConcurrentStack<byte[]> buffers)
        {
            // What is still in memory is merged from memory, beside the spilled runs: writing it out only to read it
            // back cost its bytes twice through the kernel (a share of the ~4% of verify's CPU the spill files cost).
            Sort();
            var queue = new PriorityQueue<SightingRun, SightingKey>(_runs.Count);
            foreach (var (start, length) in _runs)
            {
                var run = new SightingRun(_file!, start, length, buffers.TryPop(out var reused) ? reused : new byte[SightingRun.BufferBytes]);
                if (run.MoveNext())
                {
                    queue.Enqueue(run, run.Key);
                }
            }

            var next = 0;
            while (true)
            {
                var inMemory = next < _count;
                if (!queue.TryPeek(out var run, out var key))
                {
                    if (!inMemory)
                    {
                        break;
                    }
                }
                else if (!inMemory || SightingKey.Compare(_items[next].Hash, _items[next].Object, _items[next].Line, key.Hash, key.Object, key.Line) > 0)
                {
                    finder.Accept(run.Hash, run.Object, run.Line, run.Flags, run.Identity);
                    if (run.MoveNext())
                    {
                        queue.DequeueEnqueue(run, run.Key);
                    }
                    else
                    {
                        queue.Dequeue();
                        buffers.Push(run.Buffer);
                    }

                    continue;
                }

                ref readonly var s = ref _items[next++];
                finder.Accept(s.Hash, s.Object, s.Line, s.Flags, _arena.AsSpan(s.Offset, s.Length));
            }

            // Nothing is added after this: the memory goes back before the next shard's merge starts.
            _items = [];
            _arena = [];
            _count = 0;
            _used = 0;
        }

        public void Dispose() => _file?.Dispose();

        private bool TryGrow<T>(ref T[] array, long totalAfter)
        {
            if (totalAfter > budget)
            {
                return false;
            }

            Array.Resize(ref array, array.Length * 2);
            return true;
        }

        private void Sort() => SightingSorter.Sort(_items.AsSpan(0, _count), ShardBits);

        private void Spill()
        {
            Sort();
            _file ??= owner.CreateSpillFile();
            var buffer = _spillBuffer ??= new byte[64 << 10];
            var filled = 0;
            var start = FileLength;
            for (var i = 0; i < _count; i++)
            {
                ref readonly var s = ref _items[i];
                if (filled + SightingRun.HeaderBytes + s.Length > buffer.Length)
                {
                    Write(buffer.AsSpan(0, filled));
                    filled = 0;
                }

                filled += SightingRun.Encode(s, _arena.AsSpan(s.Offset, s.Length), buffer.AsSpan(filled));
            }

            Write(buffer.AsSpan(0, filled));
            _runs.Add((start, FileLength - start));
            _count = 0;
            _used = 0;
        }

        private void Write(ReadOnlySpan<byte> bytes)
        {
            try
            {
                RandomAccess.Write(_file!, bytes, FileLength);
            }
            catch (IOException ex)
            {
                throw new IOException($"cannot write record ids to a temporary file in {owner._tempRoot}: {ex.Message}", ex);
            }

            FileLength += bytes.Length;
        }
    }

    /// <summary>One thread's sightings not yet handed to the shards; their bytes lie in <see cref="Bytes"/>.</summary>
    private sealed class Batch
    {
        public readonly Sighting[] Items = new Sighting[BatchSightings];
        public readonly int[] Order = new int[BatchSightings];

        /// <summary>Room for the batch's identities at ~60 bytes each, and at least one of the longest kept.</summary>
        public readonly byte[] Bytes = new byte[BatchSightings * 64];
        public int Count;
        public int Used;
    }
}

using System.Buffers;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// Fetches objects a reader said it will open (<see cref="Hint"/>) before it opens them, many at once, into memory,
/// so the reading workers (bounded by cores) parse bodies that are already there instead of each waiting out a
/// request's latency (bounded by the network). Objects in flight are bounded by <c>maxInFlight</c>, bytes held
/// (fetched, or handed out and not yet disposed) by <c>budgetBytes</c>: a byte budget, since objects range from a few
/// KiB to many MiB. Objects larger than a quarter of the budget are not fetched ahead; they stream as before.
/// <para>
/// Nothing changes for the reader when a fetch ahead fails or is not done yet: <see cref="TryTakeAsync"/> then gives
/// null and the reader opens the object itself, with the usual retries and failure reporting. So transport failures,
/// exit codes and the order in which a reader hands records on are those of a plain open. Bodies are held in buffers
/// rented from <see cref="ArrayPool{T}.Shared"/> and given back when the reader disposes them, so objects of a few KiB
/// do not each leave a new array for the garbage collector. Thread-safe.
/// </para>
/// </summary>
internal sealed class ObjectReadAhead : IAsyncDisposable
{
    private readonly Func<LogObjectInfo, Memory<byte>, CancellationToken, Task<bool>> _fill;
    private readonly long _budget;
    private readonly int _maxInFlight;
    private readonly Lock _gate = new();
    private readonly Queue<Entry> _pending = new();
    private readonly Dictionary<(string Key, string? Version), Entry> _entries = [];
    private readonly HashSet<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private long _held;
    private bool _disposed;

    /// <param name="fill">
    /// Fills a buffer of exactly the listed size with the object's body; true only when it is the whole object as
    /// listed. False or an exception leaves the object to the reader's own open.
    /// </param>
    /// <param name="maxInFlight">Objects fetched at once.</param>
    /// <param name="budgetBytes">Bytes of bodies held at once (fetched and not yet read, or being read).</param>
    public ObjectReadAhead(Func<LogObjectInfo, Memory<byte>, CancellationToken, Task<bool>> fill, int maxInFlight, long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 0);
        _fill = fill;
        _maxInFlight = maxInFlight;
        _budget = budgetBytes;
    }

    /// <summary>Bytes held now (for tests and diagnostics).</summary>
    public long HeldBytes
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>The caller will open this object soon; fetch it ahead if it fits. Hints are served in the order given.</summary>
    public void Hint(LogObjectInfo item)
    {
        if (item.Size <= 0 || item.Size > _budget / 4 || _maxInFlight == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || !_entries.TryAdd((item.Key, item.VersionId), new Entry(item)))
            {
                return;
            }

            _pending.Enqueue(_entries[(item.Key, item.VersionId)]);
            Pump();
        }
    }

    /// <summary>
    /// The object's body if it was hinted and fetched whole (waiting for a fetch in flight), as a stream that gives its
    /// bytes back to the budget when disposed; null when the caller must open the object itself.
    /// </summary>
    public async Task<Stream?> TryTakeAsync(LogObjectInfo item, CancellationToken cancellationToken)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_entries.Remove((item.Key, item.VersionId), out entry))
            {
                return null;
            }

            entry.Taken = true;
            if (entry.Fetch is null)
            {
                return null; // not started: the pump skips it, the caller opens it now
            }
        }

        byte[]? body;
        try
        {
            body = await entry.Fetch.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _ = entry.Fetch.ContinueWith(t => Give(t.Result, entry.Info.Size), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw;
        }

        return body is null ? null : new HeldBody(body, (int)entry.Info.Size, () => Give(body, entry.Info.Size));
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _disposed = true;
            _pending.Clear();
            _entries.Clear();
            running = [.. _running];
        }

        await _stop.CancelAsync();
        await Task.WhenAll(running.Select(t => t.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
        _stop.Dispose();
    }

    /// <summary>Starts fetches while there is room in flight and in the budget. Under the lock.</summary>
    private void Pump()
    {
        while (_running.Count < _maxInFlight && _pending.TryPeek(out var next))
        {
            if (next.Taken)
            {
                _pending.Dequeue();
                continue;
            }

            if (_held > 0 && _held + next.Info.Size > _budget)
            {
                return;
            }

            _pending.Dequeue();
            _held += next.Info.Size;
            var fetch = FetchAsync(next);
            next.Fetch = fetch;
            _running.Add(fetch);
        }
    }

    private async Task<byte[]?> FetchAsync(Entry entry)
    {
        byte[]? body = null;
        var whole = false;
        try
        {
            await Task.Yield(); // the lock is held by the caller: do the work off it
            body = ArrayPool<byte>.Shared.Rent((int)entry.Info.Size);
            whole = await _fill(entry.Info, body.AsMemory(0, (int)entry.Info.Size), _stop.Token);
        }
        catch (Exception)
        {
            // Any failure (transport, a shorter object, cancellation) leaves the object to the reader's own open,
            // which meets the same failure with the usual retries and reports it as it always did.
        }

        if (!whole && body is not null)
        {
            ArrayPool<byte>.Shared.Return(body);
            body = null;
        }

        Finish(entry, body);
        return body;
    }

    private void Finish(Entry entry, byte[]? body)
    {
        lock (_gate)
        {
            if (entry.Fetch is { } fetch)
            {
                _running.Remove(fetch);
            }

            if (body is null)
            {
                _held -= entry.Info.Size;
                if (!entry.Taken)
                {
                    _entries.Remove((entry.Info.Key, entry.Info.VersionId));
                }
            }

            if (!_disposed)
            {
                Pump();
            }
        }
    }

    /// <summary>A body read or no longer wanted: its buffer back to the pool, its bytes back to the budget.</summary>
    private void Give(byte[]? body, long size)
    {
        if (body is null)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(body);
        Release(size);
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _held -= bytes;
            if (!_disposed)
            {
                Pump();
            }
        }
    }

    private sealed class Entry(LogObjectInfo info)
    {
        public LogObjectInfo Info { get; } = info;

        public Task<byte[]?>? Fetch { get; set; }

        public bool Taken { get; set; }
    }

    /// <summary>
    /// A fetched body: exactly the object's bytes (<see cref="Stream.Length"/>, and the segment
    /// <see cref="MemoryStream.TryGetBuffer"/> gives) of a pooled buffer that may be longer. Publicly visible, so the
    /// line reader decodes it in place instead of copying it first; since the buffer goes back to the pool when the
    /// body is disposed (with its bytes to the budget), a reader uses the segment only before it disposes the body.
    /// </summary>
    private sealed class HeldBody(byte[] body, int length, Action release) : MemoryStream(body, 0, length, writable: false, publiclyVisible: true)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }

            base.Dispose(disposing);
        }
    }
}

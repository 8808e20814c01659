namespace AuditInfra.Investigation.Sorting;

/// <summary>
/// Sorts any number of items in bounded memory: up to <c>budget</c> items are held; past that the held items are
/// sorted and written as a run to a <see cref="SpillFile"/>, and <see cref="Drain"/> merges the runs and what is
/// still held (k-way, a heap of one item per run). The order must be total (no two items compare equal) so that the
/// result is the same whether or not anything was spilled. Memory: <c>budget</c> items while adding; while draining,
/// the held items plus one item and one read buffer per run (buffers shrink as runs grow in number, 16 MiB in all).
/// Not thread-safe; the file (if any) is released by <see cref="Dispose"/>.
/// </summary>
public sealed class ExternalSorter<T> : IDisposable
{
    private const int MergeBufferBytes = 16 << 20;
    private const int MaxRunBuffer = 64 << 10;
    private const int MinRunBuffer = 4 << 10;

    private readonly IComparer<T> _order;
    private readonly ISpillCodec<T> _codec;
    private readonly int _budget;
    private readonly List<T> _held = [];
    private readonly List<(long Offset, long Length, long Items)> _runs = [];
    // Sort keys of the held items when the order is an IKeyedOrder (kept between sorts: a sorter is reused day by day).
    private (long, long)[] _keys = [];
    private SpillFile? _file;

    /// <param name="budget">Items held in memory before a run is spilled (at least 1).</param>
    public ExternalSorter(IComparer<T> order, ISpillCodec<T> codec, int budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        _order = order;
        _codec = codec;
        _budget = budget;
    }

    /// <summary>Items added and not drained yet.</summary>
    public long Count { get; private set; }

    /// <summary>Runs written to disk so far (0: everything is in memory).</summary>
    public int Runs => _runs.Count;

    public void Add(T item)
    {
        _held.Add(item);
        Count++;
        if (_held.Count >= _budget)
        {
            Spill();
        }
    }

    /// <summary>
    /// Every item added, in order; afterwards (also when the enumeration is left early) the sorter is empty and can be
    /// filled again. Runs are read while this is enumerated.
    /// </summary>
    public IEnumerable<T> Drain()
    {
        SortHeld();
        if (_runs.Count == 0)
        {
            try
            {
                foreach (var item in _held)
                {
                    yield return item;
                }
            }
            finally
            {
                Clear();
            }

            yield break;
        }

        var buffer = Math.Clamp(MergeBufferBytes / _runs.Count, MinRunBuffer, MaxRunBuffer);
        var readers = new BinaryReader[_runs.Count];
        var left = new long[_runs.Count];
        try
        {
            // Sources 0..runs-1 are the runs; source runs (one past the last) is what is still held.
            var heads = new PriorityQueue<int, T>(_order);
            for (var i = 0; i < _runs.Count; i++)
            {
                readers[i] = _file!.OpenRun((_runs[i].Offset, _runs[i].Length), buffer);
                left[i] = _runs[i].Items;
                Next(i);
            }

            var heldAt = 0;
            if (_held.Count > 0)
            {
                heads.Enqueue(_runs.Count, _held[heldAt++]);
            }

            while (heads.TryDequeue(out var source, out var item))
            {
                yield return item;
                if (source < _runs.Count)
                {
                    Next(source);
                }
                else if (heldAt < _held.Count)
                {
                    heads.Enqueue(source, _held[heldAt++]);
                }
            }

            void Next(int run)
            {
                if (left[run]-- > 0)
                {
                    heads.Enqueue(run, _codec.Read(readers[run]));
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader?.Dispose();
            }

            Clear();
        }
    }

    public void Dispose()
    {
        _held.Clear();
        _file?.Dispose();
        _file = null;
    }

    private void Spill()
    {
        SortHeld();
        _file ??= new SpillFile();
        var items = _held;
        var (offset, length) = _file.Append(writer =>
        {
            foreach (var item in items)
            {
                _codec.Write(writer, item);
            }
        });
        _runs.Add((offset, length, items.Count));
        _held.Clear();
    }

    private void SortHeld()
    {
        if (_order is not IKeyedOrder<T> keyed)
        {
            _held.Sort(_order);
            return;
        }

        // The same order as the comparer's (IKeyedOrder's contract), with the keys compared inline.
        var held = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_held);
        if (_keys.Length < held.Length)
        {
            _keys = new (long, long)[Math.Max(held.Length, 2 * _keys.Length)];
        }

        var keys = _keys.AsSpan(0, held.Length);
        for (var i = 0; i < held.Length; i++)
        {
            keys[i] = keyed.KeyOf(held[i]);
        }

        keys.Sort(held);
    }

    private void Clear()
    {
        _held.Clear();
        _runs.Clear();
        Count = 0;
        _file?.Dispose();
        _file = null;
    }
}

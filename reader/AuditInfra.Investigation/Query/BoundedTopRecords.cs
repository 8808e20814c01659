using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Query;

/// <summary>
/// Keeps the first <c>capacity</c> records in <see cref="RecordOrder"/> of everything offered, in O(capacity)
/// memory: a heap whose root is the worst record kept, replaced when a better one arrives. A query with
/// <c>--offset O --limit L</c> keeps O+L records however many match.
/// </summary>
public sealed class BoundedTopRecords
{
    private readonly PriorityQueue<LocatedRecord, LocatedRecord> _heap;
    private readonly RecordOrder _order;
    private readonly int _capacity;

    public BoundedTopRecords(int capacity, RecordOrder order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _order = order;
        // The root must be the record that sorts last, so the heap compares in reverse.
        _heap = new PriorityQueue<LocatedRecord, LocatedRecord>(Comparer<LocatedRecord>.Create((a, b) => order.Compare(b, a)));
    }

    /// <summary>How many records were offered (the total match count users see).</summary>
    public long Offered { get; private set; }

    public int Count => _heap.Count;

    /// <summary>
    /// Once full, the time of the record that sorts last among those kept (null before): a record whose time sorts
    /// strictly after it can never enter, so readers may skip it undecoded.
    /// </summary>
    public DateTimeOffset? Bound => _capacity > 0 && _heap.Count == _capacity ? _heap.Peek().Record.Time : null;

    public void Offer(LocatedRecord record)
    {
        Offered++;
        if (_capacity == 0)
        {
            return;
        }

        if (_heap.Count < _capacity)
        {
            _heap.Enqueue(record, record);
        }
        else if (_order.Compare(record, _heap.Peek()) < 0)
        {
            _heap.DequeueEnqueue(record, record);
        }
    }

    /// <summary>The kept records in order, skipping the first <paramref name="offset"/>.</summary>
    public IReadOnlyList<LocatedRecord> Result(int offset)
    {
        var all = new List<LocatedRecord>(_heap.Count);
        all.AddRange(_heap.UnorderedItems.Select(item => item.Element));
        all.Sort(_order);
        return offset >= all.Count ? [] : all.GetRange(offset, all.Count - offset);
    }
}

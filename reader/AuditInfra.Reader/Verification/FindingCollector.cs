namespace AuditInfra.Reader.Verification;

/// <summary>
/// Collects findings from every worker. All are counted; only the first <c>limit</c> are kept, so a bucket
/// full of damage cannot make memory grow with it. Thread-safe.
/// </summary>
public sealed class FindingCollector
{
    private readonly object _gate = new();
    private readonly List<Finding> _kept = [];
    private readonly long[] _counts = new long[FindingKinds.All.Count];
    private readonly int _limit;

    public FindingCollector(int limit)
    {
        _limit = limit;
    }

    public long Total => _counts.Sum();

    public void Add(Finding finding)
    {
        Interlocked.Increment(ref _counts[(int)finding.Kind]);
        lock (_gate)
        {
            if (_kept.Count < _limit)
            {
                _kept.Add(finding);
            }
        }
    }

    public long CountOf(FindingKind kind) => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>The kept findings, ordered by object, line and kind so reports are stable.</summary>
    public IReadOnlyList<Finding> Kept()
    {
        lock (_gate)
        {
            return [.. _kept.OrderBy(f => f.Object, StringComparer.Ordinal).ThenBy(f => f.Line ?? 0).ThenBy(f => f.Kind).ThenBy(f => f.Detail, StringComparer.Ordinal)];
        }
    }
}

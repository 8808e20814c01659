using AuditInfra.Reader.Reading;

namespace AuditInfra.Investigation.Reading;

/// <summary>
/// What a scan read and what it skipped. Bad lines and unreadable objects are never fatal: they are counted and
/// the first few are kept with their location, for the one-line summary on stderr.
/// </summary>
public sealed class ScanStatistics
{
    public const int MaxProblemsKept = 20;

    private readonly List<DeliveryProblem> _problems = [];
    private readonly Dictionary<DateOnly, long> _objectsByDay = [];

    public long Objects { get; private set; }

    public long Records { get; private set; }

    public long StoredBytes { get; private set; }

    public long UncompressedBytes { get; private set; }

    public long MalformedLines { get; private set; }

    public long DamagedObjects { get; private set; }

    public IReadOnlyList<DeliveryProblem> FirstProblems => _problems;

    /// <summary>Counts one part of an object that was read (the object once, on its last part), with what it skipped.</summary>
    public void Add<T>(ObjectRecords<T> item)
    {
        if (item.Complete)
        {
            Objects++;
            _objectsByDay[item.Day] = _objectsByDay.GetValueOrDefault(item.Day) + 1;
        }

        Records += item.RecordCount;
        StoredBytes += item.StoredBytes;
        UncompressedBytes += item.UncompressedBytes;
        MalformedLines += item.MalformedLines;
        foreach (var problem in item.Problems)
        {
            AddProblem(problem);
        }
    }

    private void AddProblem(DeliveryProblem problem)
    {
        if (problem.Line is null)
        {
            DamagedObjects++;
        }

        if (_problems.Count < MaxProblemsKept)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>
    /// Objects read from the day folders <paramref name="first"/>..<paramref name="last"/>: a range is empty when its own
    /// days hold no object, whatever the neighbouring folders read for the partition tolerance held.
    /// </summary>
    public long ObjectsIn(DateOnly first, DateOnly last) => _objectsByDay.Where(p => p.Key >= first && p.Key <= last).Sum(p => p.Value);

    /// <summary>True when every object read was read whole and no line was skipped.</summary>
    public bool IsComplete => MalformedLines == 0 && DamagedObjects == 0;

    /// <summary>One line for stderr, or null when nothing was skipped.</summary>
    public string? SkippedSummary()
    {
        if (MalformedLines == 0 && DamagedObjects == 0)
        {
            return null;
        }

        var first = _problems[0];
        var where = first.Line is { } line ? $"{first.Object.Key.Key}:{line}" : first.Object.Key.Key;
        return $"skipped {MalformedLines} malformed line(s) and {DamagedObjects} unreadable object(s); first: {where}: {first.Detail} " +
               "(run 'auditinfra verify' for the full list)";
    }
}

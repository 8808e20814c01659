namespace AuditInfra.Investigation.Detections;

/// <summary>Builds one detection from its records: first/last time, full count, the first few as evidence.</summary>
internal sealed class DetectionAccumulator
{
    private readonly List<Evidence> _evidence = [];
    private readonly int _maxEvidence;

    public DetectionAccumulator(int maxEvidence)
    {
        _maxEvidence = maxEvidence;
    }

    public long Count { get; private set; }

    public DateTimeOffset First { get; private set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset Last { get; private set; } = DateTimeOffset.MinValue;

    public void Add(in Evidence evidence)
    {
        Count++;
        First = evidence.Time < First ? evidence.Time : First;
        Last = evidence.Time > Last ? evidence.Time : Last;
        if (_evidence.Count < _maxEvidence)
        {
            if (_evidence.Count == _evidence.Capacity)
            {
                // Grow no further than the cap: a run holds thousands of these lists until their detection is printed.
                _evidence.Capacity = Math.Min(Math.Max(4, _evidence.Capacity * 2), _maxEvidence);
            }

            _evidence.Add(evidence);
        }
    }

    public Detection ToDetection(string rule, Severity severity, string summary, string? actor, string? ip)
    {
        var evidence = _evidence.ToArray();
        // No two entries share (time, object, line): one record is one entry, so an unstable sort gives one order.
        Array.Sort(evidence, static (a, b) =>
        {
            var byTime = a.Time.CompareTo(b.Time);
            if (byTime != 0)
            {
                return byTime;
            }

            var byObject = string.CompareOrdinal(a.Object, b.Object);
            return byObject != 0 ? byObject : a.Line.CompareTo(b.Line);
        });
        return new(rule, severity, summary, actor, ip, First, Last, Count, evidence);
    }

}

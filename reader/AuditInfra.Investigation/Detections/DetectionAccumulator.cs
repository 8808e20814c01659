using AuditInfra.Investigation.Records;

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

    public void Add(Evidence evidence)
    {
        Count++;
        First = evidence.Time < First ? evidence.Time : First;
        Last = evidence.Time > Last ? evidence.Time : Last;
        if (_evidence.Count < _maxEvidence)
        {
            _evidence.Add(evidence);
        }
    }

    public Detection ToDetection(string rule, Severity severity, string summary, string? actor, string? ip) =>
        new(rule, severity, summary, actor, ip, First, Last, Count, _evidence.OrderBy(e => e.Time).ThenBy(e => e.Object, StringComparer.Ordinal).ThenBy(e => e.Line).ToArray());

    public static Evidence EvidenceOf(LocatedRecord located) => new(
        located.ObjectKey, located.Line, located.Record.Time ?? DateTimeOffset.MinValue, RecordClassifier.OperationOf(located.Record), located.Record.Id);
}

using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// Fires on every matching record (an MFA device disabled, a token created, a stream deleted). Matches are
/// grouped per actor and IP so a thousand token creations by one script read as one detection with a count.
/// </summary>
public sealed class SingleEventRule : IDetectionRule
{
    private readonly Func<AuditRecord, bool> _matches;
    private readonly string _summary;
    private readonly int _maxEvidence;
    private readonly Dictionary<(string? Actor, string? Ip), DetectionAccumulator> _groups = [];

    public SingleEventRule(string id, Severity severity, string summary, Func<AuditRecord, bool> matches, int maxEvidence)
    {
        Id = id;
        Severity = severity;
        _summary = summary;
        _matches = matches;
        _maxEvidence = maxEvidence;
    }

    public string Id { get; }

    public Severity Severity { get; }

    public void Observe(LocatedRecord record)
    {
        if (record.Record.Time is null || !_matches(record.Record))
        {
            return;
        }

        var key = (record.Record.Actor, record.Record.SourceIp);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new DetectionAccumulator(_maxEvidence);
            _groups[key] = group;
        }

        group.Add(DetectionAccumulator.EvidenceOf(record));
    }

    public void Advance(DateTimeOffset watermark)
    {
    }

    public IEnumerable<Detection> Finish() =>
        _groups.Select(g => g.Value.ToDetection(Id, Severity, _summary, g.Key.Actor, g.Key.Ip));
}

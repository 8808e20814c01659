namespace AuditInfra.Investigation.Detections;

/// <summary>
/// Fires on every matching record (an MFA device disabled, a token created, a stream deleted). Matches are
/// grouped per actor and IP so a thousand token creations by one script read as one detection with a count; the
/// groups are handed on at the end (memory grows with distinct actor/IP pairs, not with records).
/// </summary>
public sealed class SingleEventRule : IDetectionRule
{
    private readonly RulePredicate _matches;
    private readonly string _summary;
    private readonly int _maxEvidence;
    private readonly Dictionary<(string? Actor, string? Ip), DetectionAccumulator> _groups = [];

    private readonly Action<Detection> _sink;

    public SingleEventRule(string id, Severity severity, string summary, RulePredicate matches, int maxEvidence, Action<Detection> sink)
    {
        _sink = sink;
        Id = id;
        Severity = severity;
        _summary = summary;
        _matches = matches;
        _maxEvidence = maxEvidence;
    }

    public string Id { get; }

    public bool KeysByIp => true;

    public Severity Severity { get; }

    public bool Matches(in RuleInput record) => _matches(record);

    public void Observe(in RuleHit hit)
    {
        var key = (hit.Actor, hit.Ip);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new DetectionAccumulator(_maxEvidence);
            _groups[key] = group;
        }

        group.Add(hit.Evidence);
    }

    public void Advance(DateTimeOffset watermark)
    {
    }

    public void Finish()
    {
        foreach (var (key, group) in _groups)
        {
            _sink(group.ToDetection(Id, Severity, _summary, key.Actor, key.Ip));
        }

        _groups.Clear();
    }
}

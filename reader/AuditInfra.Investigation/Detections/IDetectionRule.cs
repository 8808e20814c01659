namespace AuditInfra.Investigation.Detections;

/// <summary>
/// One detection. <see cref="Matches"/> is pure (it runs on the reading threads); matched records reach
/// <see cref="Observe"/> on one thread: a single-event rule's as they are read (day by day), a windowed rule's in time
/// order once their day is complete (<see cref="DetectionEngine"/> sorts them). <see cref="Advance"/> tells a rule that no
/// more records before <c>watermark</c> will come, so windowed rules can settle, hand finished detections to
/// the sink they were built with, and drop what they held.
/// </summary>
public interface IDetectionRule
{
    string Id { get; }

    Severity Severity { get; }

    /// <summary>Whether <see cref="Observe"/> reads the hit's IP; when no rule of a hit does, the IP is not decoded.</summary>
    bool KeysByIp { get; }

    /// <summary>Whether the rule uses this record (its time is known); reads no state, so any thread may call it.</summary>
    bool Matches(in RuleInput record);

    void Observe(in RuleHit hit);

    void Advance(DateTimeOffset watermark);

    /// <summary>Hands everything still open to the sink, after the last record.</summary>
    void Finish();
}

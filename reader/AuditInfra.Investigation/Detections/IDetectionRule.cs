using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// One detection. Records arrive roughly in time order (day by day); <see cref="Advance"/> tells a rule that no
/// more records before <c>watermark</c> will come, so windowed rules can settle, hand finished detections to
/// the sink they were built with, and drop what they held.
/// </summary>
public interface IDetectionRule
{
    string Id { get; }

    Severity Severity { get; }

    void Observe(LocatedRecord record);

    void Advance(DateTimeOffset watermark);

    /// <summary>Hands everything still open to the sink, after the last record.</summary>
    void Finish();
}

namespace AuditInfra.Investigation.Detections;

/// <summary>A count of matching records by one actor (or IP) within a sliding window.</summary>
public sealed class ThresholdSettings
{
    public int Threshold { get; set; }

    public TimeSpan Window { get; set; }

    /// <summary>For rules over a list of codes (cost-spike); unused by the others.</summary>
    public List<string> Codes { get; set; } = [];
}

namespace AuditInfra.Investigation.Detections;

public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

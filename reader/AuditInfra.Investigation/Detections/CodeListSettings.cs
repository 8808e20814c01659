namespace AuditInfra.Investigation.Detections;

public sealed class CodeListSettings
{
    public List<string> Codes { get; set; } = [];
}

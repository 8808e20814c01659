namespace AuditInfra.Policy.Output;

/// <summary>The output formats of <c>policy check</c>.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
}

namespace AuditInfra.Investigation.Output;

/// <summary>How records are written: a table for people, JSON Lines / JSON / CSV for scripts and spreadsheets.</summary>
public enum OutputFormat
{
    Table,
    JsonLines,
    Json,
    Csv,
}

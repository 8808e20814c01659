using AuditInfra.Policy.Evaluation;

namespace AuditInfra.Policy.Output;

/// <summary>Writes a report in the chosen format.</summary>
public static class ReportWriter
{
    public static void Write(PolicyReport report, ReportFormat format, TextWriter writer)
    {
        switch (format)
        {
            case ReportFormat.Json:
                JsonReportWriter.Write(report, writer);
                break;
            case ReportFormat.Sarif:
                SarifReportWriter.Write(report, writer);
                break;
            default:
                TextReportWriter.Write(report, writer);
                break;
        }
    }
}

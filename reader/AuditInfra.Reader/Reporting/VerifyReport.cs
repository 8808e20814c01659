using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Reporting;

/// <summary>The outcome of <c>verify</c>: the summary and the listed findings.</summary>
public sealed record VerifyReport(VerifySummary Summary, IReadOnlyList<Finding> Findings)
{
    public bool IsClean => Summary.Findings == 0;
}

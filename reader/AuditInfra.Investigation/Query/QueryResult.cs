using AuditInfra.Investigation.Reading;

namespace AuditInfra.Investigation.Query;

/// <summary>How many records matched in total and how many were written (the page).</summary>
public sealed record QueryResult(long Matched, long Written, ScanStatistics Statistics);

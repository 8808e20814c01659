using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// What the rules judge a record by, read once per record: from a decoded record, or straight from an undecoded one
/// (shared strings, nothing allocated), which is how detect reads.
/// </summary>
public readonly record struct RuleInput(
    LogCategory Category, string? EventCode, string? Outcome, string? Verb, string? Resource, string? Subresource, string? Actor, string? SourceIp)
{
    public static RuleInput Of(AuditRecord r) => new(r.Category, r.EventCode, r.Outcome, r.Verb, r.Resource, r.Subresource, r.Actor, r.SourceIp);

    public static RuleInput Of(in ParsedRecord r) => new(r.Category, r.Category == LogCategory.Kubernetes ? null : r.EventCode, r.Outcome, r.Verb, r.Resource, r.Subresource, r.Actor, r.SourceIp);
}

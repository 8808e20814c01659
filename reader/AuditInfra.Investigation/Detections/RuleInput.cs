using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// What the rules judge a record by, read once per record: from a decoded record, or straight from an undecoded one
/// (shared strings, nothing allocated), which is how detect reads. Only what some rule reads is here: the outcome of
/// sign-ins (no rule reads another), and whether there is a source IP (the IP itself is decoded only for a hit
/// whose rules group by it: the IP is new on most records, so decoding it costs a string). <c>Actor</c> is who acted
/// (Kubernetes: the impersonated user of an impersonated request, with <c>Impersonated</c> set).
/// </summary>
public readonly record struct RuleInput(
    LogCategory Category, string? EventCode, string? Outcome, string? Verb, string? Resource, string? Subresource, string? Actor, bool HasSourceIp,
    bool Impersonated = false)
{
    public static RuleInput Of(AuditRecord r) => new(
        r.Category, r.EventCode, r.Category == LogCategory.Login ? r.Outcome : null, r.Verb, r.Resource, r.Subresource, r.Actor, r.SourceIp is not null,
        r.AuthenticatedUser is not null);

    public static RuleInput Of(in ParsedRecord r) => new(
        r.Category, r.Category == LogCategory.Kubernetes ? null : r.EventCode, r.Category == LogCategory.Login ? r.Outcome : null,
        r.Verb, r.Resource, r.Subresource, r.Actor, r.HasSourceIp, r.IsImpersonated);
}

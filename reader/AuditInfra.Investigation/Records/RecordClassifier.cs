using System.Collections.Concurrent;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Records;

/// <summary>
/// Derives what the delivered record does not carry: its action, and the service and group from the event-code
/// catalog. Sign-ins and Kubernetes events have no catalog row, so they get a fixed service and group of their own.
/// Results are cached per code, so the per-record cost is one dictionary lookup. Thread-safe.
/// </summary>
public sealed class RecordClassifier
{
    public const string SignInService = "Platform";
    public const string SignInGroup = "Sign-in";
    public const string KubernetesService = "Compute";
    public const string KubernetesGroup = "Kubernetes API";

    private const int MaxCachedCodes = 4096;
    private readonly ConcurrentDictionary<string, CodeFacts> _byCode = new(StringComparer.Ordinal);

    public RecordClassifier(EventCatalog catalog)
    {
        Catalog = catalog;
    }

    public EventCatalog Catalog { get; }

    /// <summary>Every service a record can have: the catalog's plus none new (sign-ins and LKE reuse catalog services).</summary>
    public IReadOnlyList<string> Services => Catalog.Services;

    /// <summary>Every group a record can have: the catalog's, sign-ins and Kubernetes API.</summary>
    public IReadOnlyList<string> Groups => [.. Catalog.Groups, SignInGroup, KubernetesGroup];

    public string ActionOf(AuditRecord record) => record.Category == LogCategory.Kubernetes
        ? RecordAction.FromKubernetesVerb(record.Verb)
        : record.EventCode is { } code ? FactsOf(code).Action : RecordAction.Other;

    public string? ServiceOf(AuditRecord record) => record.Category switch
    {
        LogCategory.Kubernetes => KubernetesService,
        LogCategory.Login => SignInService,
        _ => record.EventCode is { } code ? FactsOf(code).Service : null,
    };

    public string? GroupOf(AuditRecord record) => record.Category switch
    {
        LogCategory.Kubernetes => KubernetesGroup,
        LogCategory.Login => SignInGroup,
        _ => record.EventCode is { } code ? FactsOf(code).Group : null,
    };

    /// <summary>What a person reads as "the operation": the event code, or <c>verb resource[/subresource]</c> for Kubernetes.</summary>
    public static string? OperationOf(AuditRecord record) =>
        OperationOf(record.Category, record.EventCode, record.Verb, record.Resource, record.Subresource);

    public static string? OperationOf(LogCategory category, string? eventCode, string? verb, string? resource, string? subresource) =>
        category == LogCategory.Kubernetes
            ? verb is null ? null : resource is null ? verb : subresource is null ? $"{verb} {resource}" : $"{verb} {resource}/{subresource}"
            : eventCode;

    private CodeFacts FactsOf(string code)
    {
        if (_byCode.TryGetValue(code, out var facts))
        {
            return facts;
        }

        var entry = Catalog.Find(code);
        facts = new CodeFacts(RecordAction.FromEventCode(code), entry?.Service, entry?.Group);
        // Codes come from the data: cap the cache so a file full of made-up codes cannot grow it without bound.
        if (_byCode.Count < MaxCachedCodes)
        {
            _byCode.TryAdd(code, facts);
        }

        return facts;
    }

    private sealed record CodeFacts(string Action, string? Service, string? Group);
}

using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Evaluation;
using AuditInfra.Policy.Model;
using AuditInfra.Policy.Rules;
using AuditInfra.Policy.Settings;

namespace AuditInfra.Policy.Analyzer.Analysis;

/// <summary>
/// The rules as a Pulumi policy pack. Rules about one resource on its own (lock, mode, retention, LKE audit
/// logs, protection) run in <c>Analyze</c>, on the inputs before the change; rules that need the whole stack
/// (streams, destinations, keys, cluster coverage) run once in <c>AnalyzeStack</c>. A deny is MANDATORY and
/// fails the preview; a warning is ADVISORY. Suppressions from policy.yaml in the pack folder apply.
/// </summary>
public sealed class PolicyPack
{
    public const string Name = "auditinfra";
    public static string Version => AuditInfra.Grpc.Hosting.ProductVersion.Current;

    // AUDIT015 looks at each resource on its own, so it runs here, on the inputs before the change.
    private static readonly HashSet<string> PerResource = new(StringComparer.Ordinal) { "AUDIT001", "AUDIT002", "AUDIT003", "AUDIT004", "AUDIT008", "AUDIT014", "AUDIT015" };

    private readonly PolicyChecker _checker = new();
    private readonly PolicySettings _settings;
    private readonly string _stack;
    private readonly TimeProvider _time;

    public PolicyPack(PolicySettings settings, string stack, TimeProvider time)
    {
        _settings = settings;
        _stack = stack;
        _time = time;
    }

    public AnalyzerInfo Info()
    {
        var info = new AnalyzerInfo
        {
            Name = Name,
            DisplayName = "AuditInfra audit-log delivery policies",
            Version = Version,
            Description = "The rules of `auditinfra policy check` (AUDIT001-AUDIT017), enforced during pulumi preview and up.",
        };
        info.Policies.AddRange(RuleCatalog.All.Select(r => new PolicyInfo
        {
            Name = r.Info.Name,
            DisplayName = $"{r.Info.Id} {r.Info.Title}",
            Description = r.Info.Reason,
            Message = r.Info.Remedy,
            EnforcementLevel = Level(r.Info.Severity),
        }));
        return info;
    }

    public AnalyzeResponse Analyze(AnalyzeRequest request)
    {
        var resource = EngineResourceMapper.Single(request);
        return Respond(View([resource], complete: false), PerResource.Contains, _ => request.Urn);
    }

    public AnalyzeResponse AnalyzeStack(AnalyzeStackRequest request)
    {
        var resources = EngineResourceMapper.Map(request.Resources);
        var urns = request.Resources.GroupBy(r => Preview.Urn.Parse(r.Urn, "(pulumi engine)").Name).ToDictionary(g => g.Key, g => g.First().Urn, StringComparer.Ordinal);
        return Respond(View(resources, complete: true), id => !PerResource.Contains(id), name => name is not null && urns.TryGetValue(name, out var urn) ? urn : "");
    }

    private StackView View(IReadOnlyList<AuditResource> resources, bool complete) =>
        new(_stack, _settings.EnvironmentOf(_stack), ViewSource.Engine, "pulumi engine", resources, complete, null, null);

    private AnalyzeResponse Respond(StackView view, Func<string, bool> include, Func<string?, string> urnOf)
    {
        var response = new AnalyzeResponse();
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        foreach (var finding in _checker.Evaluate(view, _settings, today).Where(f => include(f.Rule.Id) && !f.IsSuppressed))
        {
            response.Diagnostics.Add(new AnalyzeDiagnostic
            {
                PolicyName = finding.Rule.Name,
                PolicyPackName = Name,
                PolicyPackVersion = Version,
                Description = $"{finding.Rule.Id} {finding.Rule.Title}",
                Message = $"{finding.Violation.Message}. Fix: {finding.Rule.Remedy}",
                EnforcementLevel = Level(finding.Severity),
                Urn = urnOf(finding.Violation.Subject ?? finding.Violation.Resource),
            });
        }

        return response;
    }

    private static EnforcementLevel Level(Severity severity) => severity == Severity.Deny ? EnforcementLevel.Mandatory : EnforcementLevel.Advisory;
}

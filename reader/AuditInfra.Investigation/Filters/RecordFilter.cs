using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Filters;

/// <summary>
/// The compiled, validated filters of <c>query</c>, <c>export</c>, <c>filter-options</c> and <c>detect</c>. Every
/// dimension is an AND; values within one dimension are an OR. Build it with <see cref="Compile"/>, which rejects
/// anything that can never match before a single object is read.
/// </summary>
public sealed class RecordFilter
{
    private readonly RecordClassifier _classifier;
    private readonly WildcardPattern[] _codes;
    private readonly HashSet<string> _actions;
    private readonly HashSet<string> _services;
    private readonly HashSet<string> _groups;
    private readonly WildcardPattern[] _actors;
    private readonly IpRange[] _ips;
    private readonly HashSet<string> _outcomes;
    private readonly HashSet<LogCategory> _streams;
    private readonly HashSet<string> _accounts;
    private readonly KubernetesParts _kubernetes;
    private readonly bool _codesMayMatchKubernetes;
    private readonly string? _text;

    private RecordFilter(RecordClassifier classifier, TimeRange range, FilterParts parts)
    {
        _classifier = classifier;
        Range = range;
        _codes = parts.Codes;
        _actions = parts.Actions;
        _services = parts.Services;
        _groups = parts.Groups;
        _actors = parts.Actors;
        _ips = parts.Ips;
        _outcomes = parts.Outcomes;
        _streams = parts.Streams;
        _accounts = parts.Accounts;
        _kubernetes = parts.Kubernetes;
        _codesMayMatchKubernetes = _codes.Any(MayMatchKubernetesOperation);
        _text = parts.Text;
    }

    public TimeRange Range { get; }

    /// <summary>The streams to read (all three when <c>--stream</c> is not given); the walker skips the others.</summary>
    public IReadOnlySet<LogCategory> Streams => _streams.Count == 0 ? AllStreams : _streams;

    private static readonly HashSet<LogCategory> AllStreams = [LogCategory.Config, LogCategory.Login, LogCategory.Kubernetes];

    /// <summary>
    /// The accounts to read (<c>--account</c>, matched case-insensitively against the account folder of the object
    /// key); null for all. Judged per object when the objects are listed, so other accounts' objects are never read.
    /// </summary>
    public IReadOnlySet<string>? Accounts => _accounts.Count == 0 ? null : _accounts;

    /// <summary>
    /// The verbs the Kubernetes API server writes into audit Events: the resource verbs and, for requests that are not
    /// about a resource, the lowercase HTTP method (Kubernetes API concepts, "Audit" and "Authorization" docs).
    /// </summary>
    public static IReadOnlyList<string> KubernetesVerbs { get; } =
        ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "post", "put", "head", "options"];

    public static RecordFilter Compile(FilterSpec spec, RecordClassifier classifier, TimeProvider clock)
    {
        var range = TimeRange.Parse(spec.From, spec.To, clock);
        return Compile(spec, classifier, range);
    }

    public static RecordFilter Compile(FilterSpec spec, RecordClassifier classifier, TimeRange range)
    {
        var knownCodes = classifier.Catalog.Codes.Select(c => c.Code).Concat(SignInCodes.All).ToArray();
        var codes = Split(spec.Codes).Select(c => new WildcardPattern(c)).ToArray();
        foreach (var pattern in codes)
        {
            // A family's codes (s3…) are not listed, so a pattern that starts like the family may match them.
            if (!knownCodes.Any(pattern.Matches) && !classifier.Catalog.Families.Any(f => f.Matches(pattern.Text)) &&
                !pattern.Text.Contains(' ', StringComparison.Ordinal) && !KubernetesVerbs.Contains(pattern.Text))
            {
                throw new InvestigationException(
                    $"--code '{pattern.Text}' matches no event code in the catalog, its families ({string.Join(", ", classifier.Catalog.Families.Select(f => f.Pattern))}) or the sign-in codes ({string.Join(", ", SignInCodes.All)}); see 'auditinfra catalog'");
            }
        }

        var actions = Known(spec.Actions, RecordAction.Names, "--action");
        var services = Known(spec.Services, classifier.Services, "--service");
        var groups = Known(spec.Groups, classifier.Groups, "--group");
        var outcomes = Known(spec.Outcomes, ["success", "failure"], "--outcome");
        var ips = Split(spec.Ips).Select(text => IpRange.TryParse(text, out var range) ? range! :
            throw new InvestigationException($"--ip '{text}' is not an IP address or a CIDR block (like 203.0.113.0/24)")).ToArray();
        var streams = new HashSet<LogCategory>();
        foreach (var name in Split(spec.Streams))
        {
            if (!RecordStream.TryParse(name, out var categories))
            {
                throw new InvestigationException(
                    $"--stream '{name}' is not one of {string.Join(", ", RecordStream.Names)} (also accepted: {string.Join(", ", RecordStream.Aliases)})");
            }

            streams.UnionWith(categories);
        }

        var actors = Patterns(spec.Actors);
        var accounts = new HashSet<string>(Split(spec.Accounts), StringComparer.OrdinalIgnoreCase);
        var kubernetes = new KubernetesParts(
            Patterns(spec.Verbs), Patterns(spec.Resources), Patterns(spec.Subresources), Patterns(spec.Namespaces), Patterns(spec.Names));
        if (kubernetes.Any && streams.Count > 0 && !streams.Contains(LogCategory.Kubernetes))
        {
            throw new InvestigationException(
                "--verb, --resource, --subresource, --namespace and --name select Kubernetes requests, which --stream leaves out; add --stream lke");
        }

        var text = string.IsNullOrWhiteSpace(spec.Text) ? null : spec.Text.Trim();
        return new RecordFilter(classifier, range, new FilterParts(codes, actions, services, groups, actors, ips, outcomes, streams, accounts, kubernetes, text));
    }

    /// <summary>Only the time window: what <c>sync</c> and the unfiltered parts of <c>detect</c> use.</summary>
    public static RecordFilter TimeOnly(RecordClassifier classifier, TimeRange range) =>
        Compile(new FilterSpec(), classifier, range);

    /// <summary>
    /// The part of the filter that needs no decoding (time, stream, event code, and a first cut on the actor), for
    /// the reading workers; the record's time comes back for callers that bound it further (a query's page).
    /// </summary>
    public bool Prefilter(in ParsedRecord record, out DateTimeOffset time)
    {
        time = default;
        if ((_streams.Count > 0 && !_streams.Contains(record.Category)) || record.Time is not { } t || !Range.Contains(t))
        {
            return false;
        }

        time = t;
        var kubernetes = record.Category == LogCategory.Kubernetes;
        if (_kubernetes.Any && !kubernetes)
        {
            return false;
        }

        // An actor filter saves a query for one user from decoding everyone else's records.
        if (_actors.Length > 0 && !MayMatchAnyIdentity(record))
        {
            return false;
        }

        if (_codes.Length == 0)
        {
            return true;
        }

        // A Kubernetes operation is built from three fields: the decoded record is judged by Matches.
        return kubernetes ? _codesMayMatchKubernetes : record.EventCodeUtf8 is { IsEmpty: false } code && MayMatchAny(_codes, code);
    }

    /// <summary>True when <see cref="Prefilter(in ParsedRecord, out DateTimeOffset)"/> decides alone (only time, stream and event-code filters).</summary>
    public bool PrefilterIsExact => _actions.Count == 0 && _services.Count == 0 && _groups.Count == 0 && _actors.Length == 0 &&
                                    _ips.Length == 0 && _outcomes.Count == 0 && _text is null && !_kubernetes.Any && !_codesMayMatchKubernetes;

    private bool MayMatchAnyIdentity(in ParsedRecord record)
    {
        for (var i = 0; i < ParsedRecord.IdentityCount; i++)
        {
            if (record.IdentityUtf8(i) is { IsEmpty: false } identity && MayMatchAny(_actors, identity))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a code pattern can match a Kubernetes operation (<c>verb resource[/subresource]</c>): one with a space,
    /// a verb, or a wildcard whose literal start holds no '-' (a verb has none, so <c>delete-*</c> cannot).
    /// </summary>
    private static bool MayMatchKubernetesOperation(WildcardPattern pattern) =>
        pattern.Text.Contains(' ', StringComparison.Ordinal) || KubernetesVerbs.Contains(pattern.Text) ||
        (pattern.HasWildcard && !pattern.Prefix.Contains('-', StringComparison.Ordinal));

    /// <summary><see cref="Prefilter(in ParsedRecord, out DateTimeOffset)"/> for scans that need no time back.</summary>
    public bool Prefilter(in ParsedRecord record) => Prefilter(record, out _);

    public bool Matches(AuditRecord record)
    {
        if (record.Time is not { } time || !Range.Contains(time))
        {
            return false;
        }

        if (_streams.Count > 0 && !_streams.Contains(record.Category))
        {
            return false;
        }

        if (_codes.Length > 0 && !CodeMatches(record))
        {
            return false;
        }

        if (_kubernetes.Any && !_kubernetes.Matches(record))
        {
            return false;
        }

        if (_actions.Count > 0 && !_actions.Contains(_classifier.ActionOf(record)))
        {
            return false;
        }

        if (_services.Count > 0 && (_classifier.ServiceOf(record) is not { } service || !_services.Contains(service)))
        {
            return false;
        }

        if (_groups.Count > 0 && (_classifier.GroupOf(record) is not { } group || !_groups.Contains(group)))
        {
            return false;
        }

        if (_actors.Length > 0 && !(Is(record.Actor, _actors) || Is(record.Email, _actors) || Is(record.AuthenticatedUser, _actors)))
        {
            return false;
        }

        if (_ips.Length > 0 && !_ips.Any(range => range.Contains(record.SourceIp)))
        {
            return false;
        }

        if (_outcomes.Count > 0 && (record.Outcome is not { } outcome || !_outcomes.Contains(outcome)))
        {
            return false;
        }

        return _text is null || ContainsText(record, _text);
    }

    private bool CodeMatches(AuditRecord record) => record.Category == LogCategory.Kubernetes
        ? _codesMayMatchKubernetes && Is(RecordClassifier.OperationOf(record), _codes)
        : Is(record.EventCode, _codes);

    private static bool Is(string? value, WildcardPattern[] patterns) => value is not null && AnyMatch(patterns, value);

    // Kubernetes objects are found as the table prints them, namespace/name.
    private static bool ContainsText(AuditRecord record, string text) =>
        Has(record.Actor, text) || Has(record.Email, text) || Has(record.AuthenticatedUser, text) || Has(record.SourceIp, text) ||
        Has(record.EntityId, text) || Has(record.EntityType, text) || Has(record.Namespace, text) || Has(record.Name, text) ||
        (record.Namespace is not null && record.Name is not null && $"{record.Namespace}/{record.Name}".Contains(text, StringComparison.OrdinalIgnoreCase)) ||
        Has(record.Id, text);

    private static bool Has(string? field, string text) => field is not null && field.Contains(text, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Patterns judged on a value's undecoded bytes. Conservative: a value with escapes, or too long for the stack
    /// buffer, may match, and <see cref="Matches"/> decides on the decoded record.
    /// </summary>
    private static bool MayMatchAny(WildcardPattern[] patterns, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 256 || utf8.IndexOf((byte)'\\') >= 0)
        {
            return true;
        }

        Span<char> chars = stackalloc char[256];
        return AnyMatch(patterns, chars[..System.Text.Encoding.UTF8.GetChars(utf8, chars)]);
    }

    private static bool AnyMatch(WildcardPattern[] patterns, ReadOnlySpan<char> value)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.Matches(value))
            {
                return true;
            }
        }

        return false;
    }

    private static WildcardPattern[] Patterns(IEnumerable<string> values) => Split(values).Select(v => new WildcardPattern(v)).ToArray();

    private static IEnumerable<string> Split(IEnumerable<string> values) => values
        .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Values must come from a known list; they are matched case-insensitively and stored as the list spells them.</summary>
    private static HashSet<string> Known(IEnumerable<string> values, IReadOnlyList<string> known, string flag)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in Split(values))
        {
            var match = known.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvestigationException($"{flag} '{value}' is not one of: {string.Join(", ", known)}");
            set.Add(match);
        }

        return set;
    }

    private sealed record FilterParts(
        WildcardPattern[] Codes,
        HashSet<string> Actions,
        HashSet<string> Services,
        HashSet<string> Groups,
        WildcardPattern[] Actors,
        IpRange[] Ips,
        HashSet<string> Outcomes,
        HashSet<LogCategory> Streams,
        HashSet<string> Accounts,
        KubernetesParts Kubernetes,
        string? Text);

    /// <summary>The Kubernetes-only dimensions; any of them set keeps only Kubernetes records.</summary>
    private sealed record KubernetesParts(
        WildcardPattern[] Verbs, WildcardPattern[] Resources, WildcardPattern[] Subresources, WildcardPattern[] Namespaces, WildcardPattern[] Names)
    {
        public bool Any { get; } = Verbs.Length + Resources.Length + Subresources.Length + Namespaces.Length + Names.Length > 0;

        public bool Matches(AuditRecord r) => r.Category == LogCategory.Kubernetes &&
            (Verbs.Length == 0 || Is(r.Verb, Verbs)) && (Resources.Length == 0 || Is(r.Resource, Resources)) &&
            (Subresources.Length == 0 || Is(r.Subresource, Subresources)) && (Namespaces.Length == 0 || Is(r.Namespace, Namespaces)) &&
            (Names.Length == 0 || Is(r.Name, Names));
    }
}

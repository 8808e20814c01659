using AuditInfra.Investigation.Records;
using AuditInfra.Investigation.Sorting;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// The built-in detections (ids are stable: scripts and suppressions refer to them) over one pass of records.
/// Feed every record to <see cref="Observe(LocatedRecord)"/> (or, in parallel and undecoded, to <see cref="TryMatch"/> and
/// its hits, in order, to <see cref="Observe(in RuleHit)"/>), call <see cref="Advance"/> when a day is done, then <see cref="Finish"/>.
/// </summary>
public sealed class DetectionEngine
{
    public const string AuthBruteForce = "auth-brute-force";
    public const string MfaDisabled = "mfa-disabled";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string MassDeletion = "mass-deletion";
    public const string AuditPipelineTampering = "audit-pipeline-tampering";
    public const string CostSpike = "cost-spike";
    public const string K8sExec = "k8s-exec";
    public const string K8sSecretsAccess = "k8s-secrets-access";

    public static IReadOnlyList<string> RuleIds { get; } =
        [AuthBruteForce, MfaDisabled, TokenCreated, TokenRevoked, MassDeletion, AuditPipelineTampering, CostSpike, K8sExec, K8sSecretsAccess];

    private readonly IDetectionRule[] _rules;
    private readonly List<Detection>? _collected;
    private readonly Utf8CodeSet _configCodes;
    // The rules that group by IP (bit i is rule i): a hit of none of them leaves its IP undecoded.
    private readonly ulong _ipRules;
    private const int MaxCachedOperations = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string? Verb, string? Resource, string? Subresource), string> _operations = new();
    private readonly KubernetesRequests _requests = new();
    // The windowed rules (bit i is rule i): their hits wait, sorted by time in bounded memory, until their day is complete.
    private readonly ulong _windowRules;
    private readonly int _pendingBudget;
    private ExternalSorter<PendingHit> _pending;
    // The sorter a settle drains while _pending takes the hits it holds back: the two swap, so their buffers (up to
    // the budget each, as while settling) are allocated once per run, not once per day.
    private ExternalSorter<PendingHit> _settling;
    private long _arrivals;

    /// <summary>
    /// Hits of windowed rules held in memory before they are spilled as a sorted run to a private temporary file
    /// (about 100 bytes each plus the id when it is not a UUID, some 10 MiB): a day with millions of failed sign-ins or
    /// deletions costs disk, not memory. Held hits live long enough to be promoted, so a larger budget mostly grows
    /// the garbage between full collections (262,144 peaked at 370 MiB RSS on a 2-million-hit day, this at 190 MiB).
    /// </summary>
    public const int PendingBudget = 65_536;

    /// <param name="settings">Thresholds, windows, code lists, rules switched off.</param>
    /// <param name="sink">
    /// Receives each detection once it is final: a burst when it ends (during the run), per-actor groups at the
    /// end. Null collects them for <see cref="Finish"/> to return sorted (fine for tests and small ranges).
    /// </param>
    public DetectionEngine(DetectionSettings settings, Action<Detection>? sink = null)
        : this(settings, sink, PendingBudget)
    {
    }

    /// <param name="pendingBudget">Hits of windowed rules held in memory before a sorted run is spilled (tests set it low).</param>
    internal DetectionEngine(DetectionSettings settings, Action<Detection>? sink, int pendingBudget)
    {
        _pendingBudget = pendingBudget;
        _pending = NewPending();
        _settling = NewPending();
        foreach (var id in settings.Disabled)
        {
            if (!RuleIds.Contains(id))
            {
                throw new InvestigationException($"Detections:Disabled names '{id}', which is not a detection; known: {string.Join(", ", RuleIds)}");
            }
        }

        if (settings.MaxEvidence < 0)
        {
            throw new InvestigationException($"Detections:MaxEvidence must not be negative (got {settings.MaxEvidence})");
        }

        if (sink is null)
        {
            _collected = [];
            sink = _collected.Add;
        }

        _rules = BuildRules(settings, sink).Where(r => !settings.Disabled.Contains(r.Id)).ToArray();
        for (var i = 0; i < _rules.Length; i++)
        {
            _ipRules |= _rules[i].KeysByIp ? 1UL << i : 0;
            _windowRules |= _rules[i] is ThresholdRule ? 1UL << i : 0;
        }

        _configCodes = new Utf8CodeSet(new[]
        {
            DetectionSettings.OrDefault(settings.CostSpike.Codes, DetectionSettings.BillableCreateCodes),
            DetectionSettings.OrDefault(settings.MfaDisabled.Codes, DetectionSettings.MfaDisableCodes),
            DetectionSettings.OrDefault(settings.TokenCreated.Codes, DetectionSettings.TokenCreateCodes),
            DetectionSettings.OrDefault(settings.TokenRevoked.Codes, DetectionSettings.TokenRevokeCodes),
            DetectionSettings.OrDefault(settings.AuditPipelineTampering.Codes, DetectionSettings.PipelineTamperingCodes),
        }.SelectMany(codes => codes));
    }

    public IReadOnlyList<string> ActiveRules => _rules.Select(r => r.Id).Distinct().ToArray();

    /// <summary>
    /// Whether any rule could use a record still undecoded: failed sign-ins, Kubernetes calls on secrets or exec/attach,
    /// configuration records with a deletion or a code some rule lists. The rest (most records) is never decoded.
    /// </summary>
    public bool MayMatch(in ParsedRecord record)
    {
        // A first cut on the parsed fields' bytes, conservative where it cannot tell (an escaped value is decoded and
        // judged by the rules); it keeps the many successful sign-ins and routine Kubernetes calls from being decoded.
        if (record.Category == LogCategory.Login)
        {
            var signIn = record.EventCodeUtf8;
            return Is(signIn, FailedSignInCode) || (signIn.StartsWith("login"u8) && Is(record.OutcomeUtf8, "failure"u8)) || Escaped(signIn);
        }

        if (record.Category == LogCategory.Kubernetes)
        {
            var subresource = record.SubresourceUtf8;
            return Is(record.ResourceUtf8, "secrets"u8) || Is(subresource, "exec"u8) || Is(subresource, "attach"u8);
        }

        var code = record.EventCodeUtf8;
        if (code.StartsWith("delete-"u8) || Escaped(code) || EventCodeFamily.ObjectStorageS3.Matches(code))
        {
            return true;
        }

        return _configCodes.Contains(code);
    }

    private static readonly byte[] FailedSignInCode = System.Text.Encoding.UTF8.GetBytes(SignInCodes.Failure);

    private static bool Is(ReadOnlySpan<byte> value, ReadOnlySpan<byte> expected) => value.SequenceEqual(expected) || Escaped(value);

    private static bool Escaped(ReadOnlySpan<byte> value) => value.IndexOf((byte)'\\') >= 0;

    /// <summary>Feeds one decoded record to every rule (what <see cref="TryMatch"/> and <see cref="Observe(in RuleHit)"/> do in two steps).</summary>
    public void Observe(LocatedRecord record)
    {
        if (Match(record) is { } hit)
        {
            Observe(hit);
        }
    }

    /// <summary>
    /// Feeds one hit to its rules. A Kubernetes request reaches them once, with its first stage Event seen: an exec
    /// session logged as RequestReceived, ResponseStarted and ResponseComplete is one exec, not three.
    /// </summary>
    public void Observe(in RuleHit hit)
    {
        if (hit.Kubernetes && !_requests.IsFirstEvent(hit.Evidence.RecordId))
        {
            return;
        }

        // Single-event rules take a hit as it comes; windowed rules slide their windows in time order, so their hits
        // wait until the day they belong to is complete (records of a day come object by object, not in time order).
        Feed(hit, hit.Rules & ~_windowRules);
        if ((hit.Rules & _windowRules) != 0)
        {
            _pending.Add(new PendingHit(_arrivals++, hit));
        }
    }

    private void Feed(in RuleHit hit, ulong rules)
    {
        for (; rules != 0; rules &= rules - 1)
        {
            _rules[System.Numerics.BitOperations.TrailingZeroCount(rules)].Observe(hit);
        }
    }

    /// <summary>Feeds the windowed rules, in time order, the waiting hits before <paramref name="watermark"/> (all of them when null).</summary>
    private void Settle(DateTimeOffset? watermark)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var settling = _pending;
        _pending = _settling;
        _settling = settling;
        foreach (var pending in settling.Drain())
        {
            if (watermark is null || pending.Hit.Evidence.Time < watermark.Value)
            {
                Feed(pending.Hit, pending.Hit.Rules & _windowRules);
            }
            else
            {
                _pending.Add(pending);
            }
        }
    }

    private ExternalSorter<PendingHit> NewPending() => new(PendingHit.Order, PendingHit.Codec.Instance, _pendingBudget);

    private RuleHit? Match(LocatedRecord located)
    {
        var record = located.Record;
        if (record.Time is not { } time)
        {
            return null;
        }

        var input = RuleInput.Of(record);
        var rules = RulesOf(input);
        return rules == 0 ? null : new RuleHit(rules, input.Actor, (rules & _ipRules) != 0 ? record.SourceIp : null,
            new Evidence(located.ObjectKey, located.Line, time, OperationOf(input), EvidenceId.Of(record.Id)), input.Category == LogCategory.Kubernetes);
    }

    /// <summary>
    /// The hit an undecoded record makes, if any rule uses it: what <see cref="Observe(LocatedRecord)"/> would make of
    /// its decoded form, without decoding it. Pure, for the reading threads.
    /// </summary>
    /// <param name="time">The record's time (the caller has read it to filter by range).</param>
    public bool TryMatch(in ParsedRecord record, DateTimeOffset time, string objectKey, long line, out RuleHit hit)
    {
        var input = RuleInput.Of(record);
        var rules = RulesOf(input);
        hit = rules == 0 ? default : new RuleHit(rules, input.Actor, (rules & _ipRules) != 0 ? record.SourceIp : null, new Evidence(objectKey, line, time, OperationOf(input), EvidenceId.Of(record)), input.Category == LogCategory.Kubernetes);
        return rules != 0;
    }

    private ulong RulesOf(in RuleInput input)
    {
        // One bit per rule: the built-ins are 12, far below the 64 a ulong holds.
        var rules = 0UL;
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Matches(input))
            {
                rules |= 1UL << i;
            }
        }

        return rules;
    }

    /// <summary>
    /// <see cref="RecordClassifier.OperationOf(AuditRecord)"/> for a rule input. Kubernetes operations are built from
    /// three shared strings, so each distinct one is built once (up to a cap) instead of once per record.
    /// </summary>
    private string? OperationOf(in RuleInput input)
    {
        if (input.Category != LogCategory.Kubernetes)
        {
            return input.EventCode;
        }

        var key = (input.Verb, input.Resource, input.Subresource);
        if (input.Verb is null || !_operations.TryGetValue(key, out var operation))
        {
            operation = RecordClassifier.OperationOf(LogCategory.Kubernetes, null, input.Verb, input.Resource, input.Subresource);
            if (operation is not null && _operations.Count < MaxCachedOperations)
            {
                _operations.TryAdd(key, operation);
            }
        }

        return operation;
    }

    public void Advance(DateTimeOffset watermark)
    {
        Settle(watermark);
        foreach (var rule in _rules)
        {
            rule.Advance(watermark);
        }
    }

    /// <summary>Ends the run: open bursts and groups go to the sink; without a sink, returns everything that fired, most severe first, then by time.</summary>
    public IReadOnlyList<Detection> Finish()
    {
        Settle(null);
        _pending.Dispose();
        _settling.Dispose();
        foreach (var rule in _rules)
        {
            rule.Finish();
        }

        return Sorted(_collected ?? []);
    }

    public static IReadOnlyList<Detection> Sorted(IEnumerable<Detection> detections) => detections
        .OrderByDescending(d => d.Severity).ThenBy(d => d.First).ThenBy(d => d.Rule, StringComparer.Ordinal)
        .ThenBy(d => d.Actor, StringComparer.Ordinal).ThenBy(d => d.Ip, StringComparer.Ordinal)
        .ToArray();

    private static IEnumerable<IDetectionRule> BuildRules(DetectionSettings s, Action<Detection> sink)
    {
        var max = s.MaxEvidence;
        bool IsFailedSignIn(in RuleInput r) => r.Category == LogCategory.Login &&
            (r.EventCode == SignInCodes.Failure || (r.EventCode?.StartsWith("login", StringComparison.Ordinal) == true && r.Outcome == "failure"));

        yield return new ThresholdRule(AuthBruteForce, Severity.High, "failed sign-ins", IsFailedSignIn, ThresholdRule.KeyKind.Ip, s.AuthBruteForce, max, sink);
        yield return new ThresholdRule(AuthBruteForce, Severity.High, "failed sign-ins", IsFailedSignIn, ThresholdRule.KeyKind.Actor, s.AuthBruteForce, max, sink);

        var deletes = new ThresholdRule(MassDeletion, Severity.High, "deletions",
            (in RuleInput r) => r.Category == LogCategory.Config && r.EventCode?.StartsWith("delete-", StringComparison.Ordinal) == true,
            ThresholdRule.KeyKind.Actor, s.MassDeletion, max, sink);
        yield return deletes;

        var billable = CodeSet(DetectionSettings.OrDefault(s.CostSpike.Codes, DetectionSettings.BillableCreateCodes));
        yield return new ThresholdRule(CostSpike, Severity.Medium, "creates of billable resources",
            (in RuleInput r) => r.Category == LogCategory.Config && r.EventCode is { } c && billable.Contains(c), ThresholdRule.KeyKind.Actor, s.CostSpike, max, sink);

        yield return CodeRule(MfaDisabled, Severity.High, "two-factor authentication disabled", DetectionSettings.OrDefault(s.MfaDisabled.Codes, DetectionSettings.MfaDisableCodes), max, sink);
        yield return CodeRule(TokenCreated, Severity.Medium, "access token, OAuth client or Object Storage key created", DetectionSettings.OrDefault(s.TokenCreated.Codes, DetectionSettings.TokenCreateCodes), max, sink);
        yield return CodeRule(TokenRevoked, Severity.Low, "access token, OAuth client or Object Storage key revoked", DetectionSettings.OrDefault(s.TokenRevoked.Codes, DetectionSettings.TokenRevokeCodes), max, sink);
        // Deleting a stream or destination stops delivery outright; a change may (set inactive) or may not.
        var tampering = DetectionSettings.OrDefault(s.AuditPipelineTampering.Codes, DetectionSettings.PipelineTamperingCodes);
        yield return CodeRule(AuditPipelineTampering, Severity.Critical, "audit log stream or destination deleted",
            tampering.Where(c => c.StartsWith("delete-", StringComparison.Ordinal)).ToArray(), max, sink);
        yield return CodeRule(AuditPipelineTampering, Severity.Medium, "audit log stream or destination changed (it may have been set inactive)",
            tampering.Where(c => !c.StartsWith("delete-", StringComparison.Ordinal)).ToArray(), max, sink);
        var s3 = EventCodeFamily.ObjectStorageS3;
        var s3Tampering = new HashSet<string>(DetectionSettings.PipelineTamperingS3Operations, StringComparer.Ordinal);
        yield return new SingleEventRule(AuditPipelineTampering, Severity.High,
            "bucket deleted, or its policy, ACL, versioning, Object Lock or lifecycle changed through the S3 API (it can switch off or erase the audit trail)",
            (in RuleInput r) => r.Category == LogCategory.Config && r.EventCode is { } c && s3.OperationOf(c) is { } op && s3Tampering.Contains(op), max, sink);

        var execExcluded = new ActorExclusion(s.K8sExec.ExcludeActors, s.K8sExec.ExcludeActorPrefixes);
        yield return new SingleEventRule(K8sExec, Severity.High, "exec or attach into a container",
            (in RuleInput r) => r.Category == LogCategory.Kubernetes && r.Verb is "create" or "get" && r.Resource == "pods" &&
                 r.Subresource is "exec" or "attach" && !execExcluded.Excludes(r), max, sink);

        var secretsExcluded = new ActorExclusion(
            DetectionSettings.OrDefault(s.K8sSecretsAccess.ExcludeActors, DetectionSettings.ControlPlaneIdentities), s.K8sSecretsAccess.ExcludeActorPrefixes);
        yield return new SingleEventRule(K8sSecretsAccess, Severity.Medium, "Kubernetes secrets read or listed",
            (in RuleInput r) => r.Category == LogCategory.Kubernetes && r.Resource == "secrets" && r.Verb is "get" or "list" or "watch" &&
                 !secretsExcluded.Excludes(r), max, sink);
    }

    /// <summary>Actors a Kubernetes rule ignores: exact names and prefixes; never an impersonated request.</summary>
    private sealed class ActorExclusion(IReadOnlyList<string> actors, IReadOnlyList<string> prefixes)
    {
        private readonly HashSet<string> _actors = new(actors, StringComparer.Ordinal);

        public bool Excludes(in RuleInput r) => !r.Impersonated && r.Actor is { } actor &&
            (_actors.Contains(actor) || prefixes.Any(p => actor.StartsWith(p, StringComparison.Ordinal)));
    }

    private static SingleEventRule CodeRule(string id, Severity severity, string summary, IReadOnlyList<string> codes, int max, Action<Detection> sink)
    {
        var set = CodeSet(codes);
        return new SingleEventRule(id, severity, summary, (in RuleInput r) => r.Category == LogCategory.Config && r.EventCode is { } c && set.Contains(c), max, sink);
    }

    private static HashSet<string> CodeSet(IEnumerable<string> codes) => new(codes, StringComparer.Ordinal);
}

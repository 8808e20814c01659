using AuditInfra.Investigation.Detections;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Tests.Detections;

/// <summary>Each built-in detection firing, and not firing just below its threshold or outside its window.</summary>
public class DetectionEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private int _line;

    private LocatedRecord Config(string code, string actor = "alice", string ip = "192.0.2.1", int minutes = 0) =>
        Located(new AuditRecord { Category = LogCategory.Config, Id = Guid.NewGuid().ToString(), Time = T0.AddMinutes(minutes), EventCode = code, Actor = actor, SourceIp = ip, Outcome = "success" });

    private LocatedRecord Login(string code, string actor = "alice", string ip = "198.51.100.7", int minutes = 0) =>
        Located(new AuditRecord { Category = LogCategory.Login, Id = Guid.NewGuid().ToString(), Time = T0.AddMinutes(minutes), EventCode = code, Actor = actor, SourceIp = ip, Outcome = code == "login-failure" ? "failure" : "success" });

    private LocatedRecord K8s(string verb, string resource, string? subresource = null, string actor = "dev", string? id = null, string? authenticatedUser = null) =>
        Located(new AuditRecord
        {
            Category = LogCategory.Kubernetes, Id = id ?? Guid.NewGuid().ToString(), Time = T0, Verb = verb, Resource = resource, Subresource = subresource,
            Actor = actor, AuthenticatedUser = authenticatedUser, SourceIp = "203.0.113.9",
        });

    private LocatedRecord Located(AuditRecord record) => new(record, "audit_logs/x/2026/11/01/obj-config.gz", ++_line);

    private static IReadOnlyList<Detection> Run(IEnumerable<LocatedRecord> records, DetectionSettings? settings = null)
    {
        var engine = new DetectionEngine(settings ?? new DetectionSettings());
        foreach (var record in records)
        {
            engine.Observe(record);
        }

        return engine.Finish();
    }

    [Fact]
    public void Brute_force_fires_for_ten_failures_from_one_ip_within_ten_minutes()
    {
        var detections = Run(Enumerable.Range(0, 10).Select(i => Login("login-failure", actor: $"user{i}", minutes: i)));
        var d = Assert.Single(detections);
        Assert.Equal(("auth-brute-force", Severity.High, "198.51.100.7", (string?)null, 10L), (d.Rule, d.Severity, d.Ip, d.Actor, d.Count));
        Assert.Equal(T0, d.First);
        Assert.Equal(T0.AddMinutes(9), d.Last);
        Assert.Equal(10, d.Evidence.Count);
        Assert.All(d.Evidence, e => Assert.Equal("login-failure", e.Operation));
    }

    [Fact]
    public void Brute_force_fires_for_one_user_attacked_from_many_ips()
    {
        var detections = Run(Enumerable.Range(0, 12).Select(i => Login("login-failure", actor: "victim", ip: $"198.51.100.{i}", minutes: i / 2)));
        var d = Assert.Single(detections);
        Assert.Equal(("victim", (string?)null, 12L), (d.Actor, d.Ip, d.Count));
    }

    [Fact]
    public void Brute_force_does_not_fire_below_threshold_outside_the_window_or_on_successes()
    {
        Assert.Empty(Run(Enumerable.Range(0, 9).Select(i => Login("login-failure", actor: $"u{i}", minutes: i))));
        Assert.Empty(Run(Enumerable.Range(0, 10).Select(i => Login("login-failure", actor: $"u{i}", minutes: i * 11))));
        Assert.Empty(Run(Enumerable.Range(0, 30).Select(i => Login("login-success", actor: $"u{i}", minutes: i / 10))));
    }

    [Fact]
    public void Separate_bursts_make_separate_detections_and_evidence_is_capped_but_counted()
    {
        var early = Enumerable.Range(0, 25).Select(i => Login("login-failure", actor: $"a{i}", minutes: 0));
        var late = Enumerable.Range(0, 10).Select(i => Login("login-failure", actor: $"b{i}", minutes: 300));
        var detections = Run(early.Concat(late), new DetectionSettings { MaxEvidence = 5 });
        Assert.Equal([25L, 10L], detections.Select(d => d.Count));
        Assert.All(detections, d => Assert.Equal(5, d.Evidence.Count));
    }

    [Fact]
    public void A_burst_across_midnight_stays_one_detection_when_days_advance()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var midnight = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        foreach (var i in Enumerable.Range(0, 6))
        {
            engine.Observe(Located(new AuditRecord { Category = LogCategory.Config, Id = $"a{i}", Time = midnight.AddMinutes(-6 + i), EventCode = "delete-volume", Actor = "bob" }));
        }

        engine.Advance(midnight);
        foreach (var i in Enumerable.Range(0, 6))
        {
            engine.Observe(Located(new AuditRecord { Category = LogCategory.Config, Id = $"b{i}", Time = midnight.AddMinutes(i), EventCode = "delete-volume", Actor = "bob" }));
        }

        var d = Assert.Single(engine.Finish());
        Assert.Equal(("mass-deletion", "bob", 12L), (d.Rule, d.Actor, d.Count));
    }

    [Fact]
    public void Mass_deletion_counts_deletes_per_actor_in_the_window()
    {
        var d = Assert.Single(Run(Enumerable.Range(0, 10).Select(i => Config($"delete-{(i % 2 == 0 ? "volume" : "linode-instance")}", "bob", minutes: i))));
        Assert.Equal(("mass-deletion", Severity.High, "bob", 10L), (d.Rule, d.Severity, d.Actor, d.Count));

        Assert.Empty(Run(Enumerable.Range(0, 9).Select(i => Config("delete-volume", "bob", minutes: i))));
        Assert.Empty(Run(Enumerable.Range(0, 10).Select(i => Config("delete-volume", $"actor{i}", minutes: i))));
        Assert.Empty(Run(Enumerable.Range(0, 10).Select(i => Config("delete-volume", "bob", minutes: i * 20))));
        Assert.Empty(Run(Enumerable.Range(0, 10).Select(i => Config("post-volume", "bob", minutes: i)).Where(r => r.Record.EventCode!.StartsWith("delete", StringComparison.Ordinal))));
    }

    [Fact]
    public void Thresholds_and_windows_are_configuration()
    {
        var settings = new DetectionSettings { MassDeletion = new ThresholdSettings { Threshold = 3, Window = TimeSpan.FromMinutes(1) } };
        Assert.Single(Run(Enumerable.Range(0, 3).Select(_ => Config("delete-volume", "bob")), settings));
        Assert.Empty(Run(Enumerable.Range(0, 3).Select(i => Config("delete-volume", "bob", minutes: i)), settings));
        Assert.Empty(Run([Config("delete-stream")], new DetectionSettings { Disabled = ["audit-pipeline-tampering"] }));
    }

    [Fact]
    public void Cost_spike_fires_on_many_billable_creates_by_one_actor()
    {
        var d = Assert.Single(Run(Enumerable.Range(0, 5).Select(i => Config(i % 2 == 0 ? "post-linode-instance" : "post-lke-cluster", "eve", minutes: i * 10))));
        Assert.Equal(("cost-spike", Severity.Medium, "eve", 5L), (d.Rule, d.Severity, d.Actor, d.Count));
        Assert.Empty(Run(Enumerable.Range(0, 4).Select(i => Config("post-linode-instance", "eve", minutes: i))));
        Assert.Empty(Run(Enumerable.Range(0, 5).Select(i => Config("post-linode-instance", "eve", minutes: i * 120))));
        Assert.Empty(Run(Enumerable.Range(0, 8).Select(i => Config("post-reboot-linode-instance", "eve", minutes: i))));
        var custom = new DetectionSettings { CostSpike = new ThresholdSettings { Threshold = 2, Window = TimeSpan.FromHours(1), Codes = ["post-reboot-linode-instance"] } };
        Assert.Single(Run(Enumerable.Range(0, 2).Select(i => Config("post-reboot-linode-instance", "eve", minutes: i)), custom));
    }

    [Theory]
    [InlineData("post-tfa-disable", "mfa-disabled", Severity.High)]
    [InlineData("post-personal-access-token", "token-created", Severity.Medium)]
    [InlineData("post-client", "token-created", Severity.Medium)]
    [InlineData("post-object-storage-keys", "token-created", Severity.Medium)]
    [InlineData("delete-personal-access-token", "token-revoked", Severity.Low)]
    [InlineData("delete-object-storage-key", "token-revoked", Severity.Low)]
    [InlineData("delete-stream", "audit-pipeline-tampering", Severity.Critical)]
    [InlineData("delete-stream-destination", "audit-pipeline-tampering", Severity.Critical)]
    [InlineData("put-stream", "audit-pipeline-tampering", Severity.Medium)]
    [InlineData("put-stream-destination", "audit-pipeline-tampering", Severity.Medium)]
    public void Single_event_rules_fire_and_group_by_actor_and_ip(string code, string rule, Severity severity)
    {
        var detections = Run([Config(code, "carol", "192.0.2.9"), Config(code, "carol", "192.0.2.9", minutes: 30), Config(code, "dave", "192.0.2.8", minutes: 40)]);
        Assert.Equal(2, detections.Count);
        var carol = detections.Single(d => d.Actor == "carol");
        Assert.Equal((rule, severity, "192.0.2.9", 2L, T0, T0.AddMinutes(30)), (carol.Rule, carol.Severity, carol.Ip, carol.Count, carol.First, carol.Last));
        Assert.Equal([1L, 2L], carol.Evidence.Select(e => e.Line));
    }

    [Theory]
    [InlineData("post-tfa-enable")]
    [InlineData("put-personal-access-token")]
    [InlineData("post-stream")]
    [InlineData("put-profile")]
    public void Single_event_rules_do_not_fire_on_neighbouring_codes(string code) => Assert.Empty(Run([Config(code)]));

    [Fact]
    public void Kubernetes_exec_and_secrets_access_fire_and_controllers_are_excluded()
    {
        var exec = Assert.Single(Run([K8s("create", "pods", "exec")]));
        Assert.Equal(("k8s-exec", Severity.High, "dev"), (exec.Rule, exec.Severity, exec.Actor));
        Assert.Equal("create pods/exec", exec.Evidence[0].Operation);
        Assert.Empty(Run([K8s("create", "pods"), K8s("get", "pods", "log")]));

        var secrets = Assert.Single(Run([K8s("list", "secrets"), K8s("get", "secrets", actor: "system:kube-controller-manager"), K8s("get", "configmaps")]));
        Assert.Equal(("k8s-secrets-access", "dev", 1L), (secrets.Rule, secrets.Actor, secrets.Count));
    }

    [Fact]
    public void Secrets_access_with_a_service_account_token_fires_and_only_the_control_plane_is_excluded()
    {
        // A stolen service-account token is a system: identity too: only the control plane's own names are ignored.
        var detections = Run(
        [
            K8s("get", "secrets", actor: "system:serviceaccount:shop:default"),
            K8s("list", "secrets", actor: "system:node:node-a"),
            K8s("get", "secrets", actor: "system:kube-scheduler"),
            K8s("get", "secrets", actor: "system:serviceaccount:kube-system:namespace-controller"),
            // Impersonating the control plane does not make a request the control plane's.
            K8s("get", "secrets", actor: "system:kube-controller-manager", authenticatedUser: "ops-admin"),
        ]);
        Assert.Equal(
            ["system:kube-controller-manager", "system:node:node-a", "system:serviceaccount:shop:default"],
            detections.Select(d => d.Actor!).Order(StringComparer.Ordinal));

        var configured = new DetectionSettings();
        configured.K8sSecretsAccess.ExcludeActorPrefixes.Add("system:node:");
        var withNodes = Run([K8s("list", "secrets", actor: "system:node:node-a"), K8s("get", "secrets", actor: "system:serviceaccount:shop:default")], configured);
        Assert.Equal("system:serviceaccount:shop:default", Assert.Single(withNodes).Actor);
    }

    [Fact]
    public void A_Kubernetes_request_counts_once_whatever_stages_it_logged()
    {
        const string session = "1e2feb89-414c-343c-1027-c4d1c386bbc4";
        var exec = Assert.Single(Run(
        [
            K8s("create", "pods", "exec", id: session), K8s("create", "pods", "exec", id: session), K8s("create", "pods", "exec", id: session),
            K8s("create", "pods", "exec"),
        ]));
        Assert.Equal(2L, exec.Count);
        Assert.Equal(2, exec.Evidence.Count);
    }
}

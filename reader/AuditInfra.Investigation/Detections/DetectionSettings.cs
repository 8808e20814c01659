namespace AuditInfra.Investigation.Detections;

/// <summary>
/// Thresholds, windows and code lists of the built-in detections: section <c>Detections</c> of the configuration
/// (settings file, or <c>AUDITINFRA_Detections__MassDeletion__Threshold=20</c>). Defaults follow the anchors in
/// research/anchors.md §5 (Elastic: 10 failures per IP; Azure: 15 deletions in 15 minutes).
/// </summary>
public sealed class DetectionSettings
{
    /// <summary>Rule ids to switch off, e.g. <c>["token-revoked"]</c>.</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>How many records each detection lists as evidence.</summary>
    public int MaxEvidence { get; set; } = 20;

    public ThresholdSettings AuthBruteForce { get; set; } = new() { Threshold = 10, Window = TimeSpan.FromMinutes(10) };

    public ThresholdSettings MassDeletion { get; set; } = new() { Threshold = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Creates of billable resources; <c>Codes</c> empty means <see cref="BillableCreateCodes"/>.</summary>
    public ThresholdSettings CostSpike { get; set; } = new() { Threshold = 5, Window = TimeSpan.FromMinutes(60) };

    /// <summary><c>Codes</c> empty means <see cref="TokenCreateCodes"/>.</summary>
    public CodeListSettings TokenCreated { get; set; } = new();

    /// <summary><c>Codes</c> empty means <see cref="TokenRevokeCodes"/>.</summary>
    public CodeListSettings TokenRevoked { get; set; } = new();

    /// <summary><c>Codes</c> empty means <see cref="MfaDisableCodes"/>.</summary>
    public CodeListSettings MfaDisabled { get; set; } = new();

    /// <summary><c>Codes</c> empty means <see cref="PipelineTamperingCodes"/>.</summary>
    public CodeListSettings AuditPipelineTampering { get; set; } = new();

    /// <summary><c>ExcludeActors</c> empty means <see cref="ControlPlaneIdentities"/> (the control plane reads secrets all day).</summary>
    public KubernetesSettings K8sSecretsAccess { get; set; } = new();

    public KubernetesSettings K8sExec { get; set; } = new();

    // Default lists live apart from the bindable properties: the configuration binder appends to a list that
    // already has items, so a user's list would be added to the defaults instead of replacing them.
    public static IReadOnlyList<string> BillableCreateCodes { get; } =
    [
        "post-linode-instance", "post-clone-linode-instance", "post-resize-linode-instance", "post-lke-cluster",
        "post-lke-cluster-pools", "post-volume", "post-clone-volume", "post-resize-volume", "post-node-balancer",
        "post-databases-mysql-instances", "post-databases-postgre-sql-instances", "post-object-storage-bucket",
        "post-enable-backups", "post-allocate-ip", "post-ipv6-range",
    ];

    public static IReadOnlyList<string> TokenCreateCodes { get; } =
        ["post-personal-access-token", "post-client", "post-reset-client-secret", "post-object-storage-keys", "post-child-account-token"];

    public static IReadOnlyList<string> TokenRevokeCodes { get; } =
        ["delete-personal-access-token", "delete-client", "delete-object-storage-key", "delete-lke-service-token"];

    public static IReadOnlyList<string> MfaDisableCodes { get; } = ["post-tfa-disable"];

    /// <summary>Deleting or changing a stream or a destination (a change may set a stream inactive; the record does not carry the new status).</summary>
    public static IReadOnlyList<string> PipelineTamperingCodes { get; } =
        ["delete-stream", "delete-stream-destination", "put-stream", "put-stream-destination"];

    /// <summary>
    /// S3 API operations (codes <c>s3…</c>, any spelling) that can switch off or erase the audit trail: deleting a
    /// bucket, or changing its policy, ACL, versioning, Object Lock or lifecycle (expiry) configuration.
    /// </summary>
    public static IReadOnlyList<string> PipelineTamperingS3Operations { get; } =
        ["DeleteBucket", "DeleteBucketPolicy", "PutBucketPolicy", "PutBucketAcl", "PutBucketVersioning", "PutObjectLockConfiguration", "PutBucketLifecycleConfiguration"];

    /// <summary>
    /// The control plane's own identities, which read secrets as part of their work: the API server's loopback client,
    /// the controller manager and the scheduler (their users in the Kubernetes "Authenticating" and "Using RBAC
    /// Authorization" docs, core component roles), and the controller service accounts in <c>kube-system</c> whose
    /// roles read secrets (garbage collector, namespace deletion, resource quota, bootstrap tokens). Exact names only:
    /// any other <c>system:</c> identity — another service account's token, a node — reading a secret is a detection,
    /// as a stolen service-account token is how such reads look in a real incident.
    /// </summary>
    public static IReadOnlyList<string> ControlPlaneIdentities { get; } =
    [
        "system:apiserver", "system:kube-controller-manager", "system:kube-scheduler",
        "system:serviceaccount:kube-system:generic-garbage-collector", "system:serviceaccount:kube-system:namespace-controller",
        "system:serviceaccount:kube-system:resourcequota-controller", "system:serviceaccount:kube-system:bootstrap-signer",
        "system:serviceaccount:kube-system:token-cleaner",
    ];

    /// <summary>The configured list, or the default when none is configured.</summary>
    public static IReadOnlyList<string> OrDefault(List<string> configured, IReadOnlyList<string> defaults) =>
        configured.Count > 0 ? configured : defaults;
}

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// Whose Kubernetes requests a rule ignores. An impersonated request is never ignored: the identity it names is not
/// the one that signed in.
/// </summary>
public sealed class KubernetesSettings
{
    /// <summary>
    /// User names to ignore, exactly. Empty means the rule's default (for <c>k8s-secrets-access</c>,
    /// <see cref="DetectionSettings.ControlPlaneIdentities"/>; for <c>k8s-exec</c>, none).
    /// </summary>
    public List<string> ExcludeActors { get; set; } = [];

    /// <summary>Prefixes of user names to ignore (e.g. <c>system:node:</c> for kubelets); none by default.</summary>
    public List<string> ExcludeActorPrefixes { get; set; } = [];
}

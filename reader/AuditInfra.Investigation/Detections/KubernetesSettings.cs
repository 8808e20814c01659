namespace AuditInfra.Investigation.Detections;

public sealed class KubernetesSettings
{
    /// <summary>Actors to ignore (controllers read secrets all day): prefixes of <c>user.username</c>.</summary>
    public List<string> ExcludeActorPrefixes { get; set; } = [];
}

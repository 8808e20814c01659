using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>
/// A check over each listed object (deliveries, probes and unexpected keys alike), run by the workers before the
/// object's records are read. It may call the source (e.g. for an object's versions or retention: the seam for
/// <c>unlocked_object</c>, where the check asks <paramref name="source"/> for an S3-specific capability).
/// Called from several workers at once: implementations are thread-safe.
/// </summary>
public interface IObjectCheck
{
    ValueTask CheckAsync(DeliveryObject item, ILogSource source, FindingCollector findings, CancellationToken cancellationToken);
}

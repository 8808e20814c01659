using AuditInfra.Investigation.Detections;

namespace AuditInfra.Investigation.Records;

/// <summary>
/// Tells the first Event of a Kubernetes request from the later ones. The API server logs one audit Event per stage
/// of a request (RequestReceived, ResponseStarted, ResponseComplete, Panic), all with the request's <c>auditID</c>
/// (Kubernetes "Auditing" docs), so counting Events counts a long-running request (a watch, an exec session) two or
/// three times. The ids of the last <see cref="Capacity"/> requests are remembered, oldest forgotten first: the stages
/// of one request lie within its duration, and records are read in time order, so a request is counted once unless
/// more than that many other requests come between two of its stages, in which case it is counted again (more,
/// never fewer). Memory: at most <see cref="Capacity"/> ids (about 10 MiB). Not thread-safe.
/// </summary>
public sealed class KubernetesRequests
{
    /// <summary>Requests remembered.</summary>
    public const int Capacity = 1 << 18;

    private readonly HashSet<EvidenceId> _seen = [];
    private readonly Queue<EvidenceId> _order = new();

    /// <summary>True for the first Event seen of the request with this <c>auditID</c>; false for its later stages.</summary>
    public bool IsFirstEvent(in EvidenceId auditId)
    {
        if (!_seen.Add(auditId))
        {
            return false;
        }

        _order.Enqueue(auditId);
        if (_order.Count > Capacity)
        {
            _seen.Remove(_order.Dequeue());
        }

        return true;
    }
}

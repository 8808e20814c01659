using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>
/// A check that decides once every object was listed and read, and may call the source itself (e.g. the digests of
/// <c>verify --integrity</c>, which compare what was sealed with what the bucket holds now).
/// </summary>
public interface IAsyncCompletionCheck
{
    /// <param name="from">First day of the range.</param>
    /// <param name="to">Last day of the range (inclusive).</param>
    /// <param name="partitions">The partitions the walk found.</param>
    /// <param name="findings">Where findings go.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task CompleteAsync(DateOnly from, DateOnly to, IReadOnlyList<DeliveryPartition> partitions, FindingCollector findings, CancellationToken cancellationToken);
}

using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>A check that decides once everything was listed and read (e.g. which days are missing).</summary>
public interface ICompletionCheck
{
    void Complete(DateOnly from, DateOnly to, IReadOnlyList<DeliveryPartition> partitions, FindingCollector findings);
}

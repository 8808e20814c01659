using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>
/// <c>duplicate_record</c>: a record identity (<see cref="RecordIdentity"/>: CloudEvents (<c>source</c>, <c>id</c>),
/// Kubernetes (<c>auditID</c>, <c>stage</c>)) seen before in the range. Only a 64-bit hash per identity is kept. Objects are read in parallel, so of two copies in different objects the one
/// read second is reported.
/// </summary>
public sealed class DuplicateRecordCheck : IRecordCheck
{
    private readonly CompactIdSet _seen = new();

    public long DistinctIds => _seen.Count;

    public void Check(in ParsedRecord record, in RecordContext context, FindingCollector findings)
    {
        if (!_seen.Add(RecordIdentity.Hash(record)))
        {
            findings.Add(new Finding(FindingKind.DuplicateRecord, context.Object.Key.Key, context.Line, $"{RecordIdentity.Describe(record)} was delivered before"));
        }
    }
}

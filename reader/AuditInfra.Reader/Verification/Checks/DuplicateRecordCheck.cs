using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Verification.Duplicates;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>
/// <c>duplicate_record</c>: a record identity (<see cref="RecordIdentity"/>: CloudEvents (<c>source</c>, <c>id</c>),
/// Kubernetes (<c>auditID</c>, <c>stage</c>)) read more than once in the range. Identities go to an
/// <see cref="IdentityLedger"/> (bounded memory, spilling sorted runs to a temporary file past its budget) and are
/// compared exactly once every object was read (<see cref="Complete"/>). Of the copies of one identity, the first in
/// listing order (then line) is the original; every other copy is a finding on its own object and line whose detail
/// names the original's object and line. So the report does not depend on the order parallel workers read in.
/// </summary>
public sealed class DuplicateRecordCheck : IRecordCheck, IDisposable
{
    private const int StackIdentityBytes = 512;
    private readonly IdentityLedger _ledger;
    private readonly List<string> _objects = [];
    private readonly Lock _gate = new();

    /// <param name="memoryBytes">The ledger's in-memory budget (<see cref="IdentityLedger.DefaultMemoryBytes"/>).</param>
    public DuplicateRecordCheck(long memoryBytes = IdentityLedger.DefaultMemoryBytes)
    {
        _ledger = new IdentityLedger(memoryBytes);
    }

    /// <summary>Identities recorded so far.</summary>
    public long Identities => _ledger.Count;

    /// <summary>
    /// Gives an object its ordinal, which <see cref="RecordContext.ObjectOrdinal"/> must carry for its records. Call
    /// in listing order: the ordinal decides which copy of a duplicate is the original.
    /// </summary>
    public int Register(DeliveryObject item)
    {
        lock (_gate)
        {
            _objects.Add(item.Key.Key);
            return _objects.Count - 1;
        }
    }

    public void Check(in ParsedRecord record, in RecordContext context, FindingCollector findings)
    {
        Span<byte> buffer = stackalloc byte[StackIdentityBytes];
        if (!RecordIdentity.TryWriteUtf8(record, buffer, out var length))
        {
            // An unusually long identity: rare enough to allocate.
            buffer = new byte[length];
            RecordIdentity.TryWriteUtf8(record, buffer, out length);
        }

        _ledger.Add(buffer[..length], record.Category == LogCategory.Kubernetes, context.ObjectOrdinal, context.Line);
    }

    /// <summary>Reports every copy of an identity read before; call once, after every record was checked.</summary>
    public void Complete(FindingCollector findings) => _ledger.FindRepeats(repeat =>
    {
        string copy, original;
        lock (_gate)
        {
            (copy, original) = (_objects[repeat.Object], _objects[repeat.FirstObject]);
        }

        var where = repeat.FirstObject == repeat.Object ? $"line {repeat.FirstLine} of the same object" : $"{original} line {repeat.FirstLine}";
        findings.Add(new Finding(FindingKind.DuplicateRecord, copy, repeat.Line, $"{repeat.Identity} was delivered before, first at {where}"));
    });

    public void Dispose() => _ledger.Dispose();
}

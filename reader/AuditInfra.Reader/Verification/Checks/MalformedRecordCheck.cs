using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary><c>malformed_record</c>: a line that is not JSON, not an object, too long, or misses a required attribute.</summary>
public sealed class MalformedRecordCheck
{
    public void Report(DeliveryObject item, long line, string reason, FindingCollector findings) =>
        findings.Add(new Finding(FindingKind.MalformedRecord, item.Key.Key, line, reason));
}

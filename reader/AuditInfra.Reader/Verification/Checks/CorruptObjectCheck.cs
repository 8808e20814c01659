using AuditInfra.Reader.Decoding;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>
/// <c>corrupt_object</c>: an object whose stored bytes cannot be decompressed or end early; <c>unreadable_object</c>:
/// one the source could not deliver whole after its retries (a transport failure says nothing about the object).
/// </summary>
public sealed class CorruptObjectCheck
{
    public void Check(DeliveryObject item, ObjectScanResult result, FindingCollector findings)
    {
        if (result.Damage is { } damage)
        {
            var line = result.Lines > 0 ? result.Lines : (long?)null;
            var kind = damage.Damage == ObjectDamage.Unreadable ? FindingKind.UnreadableObject : FindingKind.CorruptObject;
            findings.Add(new Finding(kind, item.Key.Key, line, damage.Message));
        }
    }
}

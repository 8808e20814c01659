using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Reading;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary><c>corrupt_object</c>: an object that cannot be decompressed or read to its end.</summary>
public sealed class CorruptObjectCheck
{
    public void Check(DeliveryObject item, ObjectScanResult result, FindingCollector findings)
    {
        if (result.Damage is { } damage)
        {
            var line = result.Lines > 0 ? result.Lines : (long?)null;
            findings.Add(new Finding(FindingKind.CorruptObject, item.Key.Key, line, damage.Message));
        }
    }
}

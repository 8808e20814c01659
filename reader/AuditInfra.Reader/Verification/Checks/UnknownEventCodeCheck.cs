using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary><c>unknown_event_code</c>: a config record whose event code is not in the catalog (sign-in codes are not catalogued).</summary>
public sealed class UnknownEventCodeCheck(EventCatalog catalog) : IRecordCheck
{
    public void Check(in ParsedRecord record, in RecordContext context, FindingCollector findings)
    {
        if (record.Category == LogCategory.Config && context.CatalogEntry is null)
        {
            findings.Add(new Finding(
                FindingKind.UnknownEventCode,
                context.Object.Key.Key,
                context.Line,
                $"event code \"{record.EventCode}\" is not in the catalog ({catalog.Count} codes)"));
        }
    }
}

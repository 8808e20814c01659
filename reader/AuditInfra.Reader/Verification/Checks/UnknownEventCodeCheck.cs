using System.Runtime.CompilerServices;
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
            Report(record.EventCode, context, findings);
        }
    }

    /// <summary>Apart from the check, so that the check's frame holds no interpolation buffer to clear on every record.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Report(string? code, in RecordContext context, FindingCollector findings) =>
        findings.Add(new Finding(
            FindingKind.UnknownEventCode,
            context.Object.Key.Key,
            context.Line,
            $"event code \"{code}\" is not in the catalog ({catalog.Count} codes)"));
}

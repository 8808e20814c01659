using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// One line through the record parser as each log category: a record it accepts must convert to an
/// <see cref="AuditRecord"/> with its required fields; one it rejects must say why; and its scans (vectorized,
/// per token, Utf8JsonReader alone) must agree with each other and with System.Text.Json (<see cref="ScanAgreement"/>).
/// </summary>
public static class RecordParserTarget
{
    private static readonly RecordParser Parser = new();
    private static readonly ScanAgreement Agreement = new();

    public static void Run(byte[] input)
    {
        foreach (var category in (ReadOnlySpan<LogCategory>)[LogCategory.Config, LogCategory.Login, LogCategory.Kubernetes])
        {
            Agreement.Check(input, category);
            if (Parser.TryParse(input, category, out var record, out var error))
            {
                var parsed = record.ToAuditRecord();
                if (string.IsNullOrEmpty(parsed.Id))
                {
                    throw new FuzzInvariantException($"accepted a {category} record without an id");
                }
            }
            else if (string.IsNullOrEmpty(error))
            {
                throw new FuzzInvariantException($"rejected a {category} line without a reason");
            }
        }
    }
}

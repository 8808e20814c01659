using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>A check over each valid record. Called from several workers at once: implementations are thread-safe.</summary>
public interface IRecordCheck
{
    void Check(in ParsedRecord record, in RecordContext context, FindingCollector findings);
}

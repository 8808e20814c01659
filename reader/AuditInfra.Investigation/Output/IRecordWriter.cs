using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Output;

/// <summary>Writes records one at a time (nothing is held back, so an export of any size runs in constant memory).</summary>
public interface IRecordWriter : IDisposable
{
    void Write(LocatedRecord record);

    /// <summary>Writes whatever closes the document (a JSON array's bracket) and flushes.</summary>
    void Complete();
}

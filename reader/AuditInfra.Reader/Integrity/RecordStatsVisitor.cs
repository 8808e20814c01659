using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Integrity;

/// <summary>Counts an object's valid records and keeps the earliest and latest record time, for its digest entry.</summary>
internal sealed class RecordStatsVisitor : IRecordVisitor
{
    public long Records { get; private set; }

    public DateTimeOffset? First { get; private set; }

    public DateTimeOffset? Last { get; private set; }

    public void Reset()
    {
        Records = 0;
        First = Last = null;
    }

    public void OnRecord(in ParsedRecord record, long line)
    {
        Records++;
        if (record.Time is { } time)
        {
            if (First is null || time < First)
            {
                First = time;
            }

            if (Last is null || time > Last)
            {
                Last = time;
            }
        }
    }

    public void OnMalformed(long line, string reason)
    {
        // Not a record; plain verify reports it (malformed_record). The digest seals the bytes either way.
    }
}

using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Reading;

/// <summary>
/// A cheap test on a record still in its line buffer (time, category, event code as bytes), run on the reading
/// workers before the record is decoded into an <see cref="AuditRecord"/>: most records of a narrow query or of
/// detect never cost an allocation.
/// </summary>
public delegate bool RecordPrefilter(in ParsedRecord record);

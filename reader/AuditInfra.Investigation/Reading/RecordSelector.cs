using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Reading;

/// <summary>
/// What a scan keeps of one record, decided on a reading worker while the record is still in its line buffer:
/// false skips it. <paramref name="line"/> is 1-based within <paramref name="item"/>.
/// </summary>
public delegate bool RecordSelector<T>(in ParsedRecord record, DeliveryObject item, long line, out T selected);

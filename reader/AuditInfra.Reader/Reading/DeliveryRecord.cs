using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Reading;

/// <summary>One record with where it was delivered: the object (key, partition, day) and its 1-based line.</summary>
public sealed record DeliveryRecord(DeliveryObject Object, long Line, AuditRecord Record)
{
    public string Key => Object.Key.Key;
}

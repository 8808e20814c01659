using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Layout;

/// <summary>A listed object together with what its key means in the delivery layout.</summary>
public sealed record DeliveryObject(LogObjectInfo Info, DeliveryKey Key);

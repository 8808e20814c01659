using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Reading;

/// <summary>A line or object <see cref="DeliveryReader"/> skipped, and why (verify reports these as findings).</summary>
public sealed record DeliveryProblem(DeliveryObject Object, long? Line, string Detail);

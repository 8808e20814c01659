using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Reading;

/// <summary>A line or object <see cref="DeliveryReader"/> skipped, and why (verify reports these as findings).</summary>
/// <param name="Object">The object.</param>
/// <param name="Line">1-based line number; null for the object as a whole (it could not be read to its end).</param>
/// <param name="Detail">Why it was skipped.</param>
/// <param name="Raw">The skipped line's bytes, when the reader was asked to keep them (sync's quarantine); null otherwise.</param>
/// <param name="TooLong">The line was over the MaxLineBytes limit; its bytes are never kept (that is the limit's purpose).</param>
public sealed record DeliveryProblem(DeliveryObject Object, long? Line, string Detail, byte[]? Raw = null, bool TooLong = false);

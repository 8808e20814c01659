using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Verification;

/// <summary>Where a record was read and what the catalog says about its code (looked up once per record).</summary>
/// <param name="Object">The object the record is in.</param>
/// <param name="Line">Its 1-based line.</param>
/// <param name="CatalogEntry">The catalog entry of its event code, or null (unknown, sign-in or Kubernetes record).</param>
/// <param name="ObjectOrdinal">The object's position in listing order (0-based), which names it compactly (duplicate detection).</param>
public readonly record struct RecordContext(DeliveryObject Object, long Line, EventCode? CatalogEntry, int ObjectOrdinal);

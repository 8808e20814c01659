using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Reading;

/// <summary>What reading one object amounted to.</summary>
/// <param name="Lines">Lines read (blank lines included).</param>
/// <param name="StoredBytes">Compressed bytes read.</param>
/// <param name="UncompressedBytes">Decompressed bytes read.</param>
/// <param name="Damage">Null when the object was read to its end; otherwise why it could not be.</param>
public sealed record ObjectScanResult(long Lines, long StoredBytes, long UncompressedBytes, ObjectDecodeException? Damage);

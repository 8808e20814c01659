namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>A digest's link to the one before it in its stream's chain: its key and the SHA-256 (hex) of its signature bytes.</summary>
public sealed record DigestLink(string Key, string SignatureSha256);

using System.Security.Cryptography;

namespace AuditInfra.Reader.Integrity;

/// <summary>The SHA-256 (lower-case hex) and length of an object's stored bytes.</summary>
public sealed record ObjectHash(string Sha256, long Bytes)
{
    /// <summary>The hash of zero bytes (an empty object, which the pipeline does not open).</summary>
    public static ObjectHash Empty { get; } = new(Convert.ToHexStringLower(SHA256.HashData([])), 0);
}

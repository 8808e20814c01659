using System.Security.Cryptography;

namespace AuditInfra.Reader.Integrity.Signing;

/// <summary>A public key's id: the first 16 bytes (32 hex digits) of the SHA-256 of its DER SubjectPublicKeyInfo.</summary>
public static class KeyIds
{
    public static string Of(ReadOnlySpan<byte> subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo)[..16]);
}

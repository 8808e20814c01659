namespace AuditInfra.Reader.Integrity.Signing;

/// <summary>
/// The signature schemes a digest may carry, both from System.Security.Cryptography (no own crypto):
/// ECDSA over NIST P-256 with SHA-256 (DER-encoded signature, RFC 3279, as OpenSSL writes it), and RSA-PSS with
/// SHA-256 (salt length = hash length, MGF1-SHA-256, RFC 8017).
/// </summary>
public static class SignatureAlgorithms
{
    public const string EcdsaP256Sha256 = "ECDSA-P256-SHA256";
    public const string RsaPssSha256 = "RSA-PSS-SHA256";

    /// <summary>RSA keys shorter than this are refused (NIST SP 800-57: 2048 bits until 2030).</summary>
    public const int MinimumRsaBits = 2048;
}

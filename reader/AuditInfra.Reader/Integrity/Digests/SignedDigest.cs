namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>A digest as read from its key: the content, the signature and where it came from.</summary>
/// <param name="Key">The digest object's key.</param>
/// <param name="Content">The signed content.</param>
/// <param name="Algorithm">The signature algorithm named in the file.</param>
/// <param name="Signature">The signature bytes.</param>
public sealed record SignedDigest(string Key, Digest Content, string Algorithm, byte[] Signature)
{
    /// <summary>What the next digest's <see cref="DigestLink"/> names: this key and the SHA-256 of this signature.</summary>
    public DigestLink Link => new(Key, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Signature)));
}

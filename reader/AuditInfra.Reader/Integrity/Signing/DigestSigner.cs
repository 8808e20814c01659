using System.Security.Cryptography;

namespace AuditInfra.Reader.Integrity.Signing;

/// <summary>Signs digests with a private key from a PEM file (ECDSA P-256/SHA-256 or RSA-PSS/SHA-256). Not thread-safe.</summary>
public sealed class DigestSigner : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private DigestSigner(AsymmetricAlgorithm key)
    {
        _key = key;
        Algorithm = PemKeyFile.AlgorithmOf(key);
        KeyId = KeyIds.Of(PemKeyFile.PublicKeyInfo(key));
    }

    /// <summary><see cref="SignatureAlgorithms.EcdsaP256Sha256"/> or <see cref="SignatureAlgorithms.RsaPssSha256"/>.</summary>
    public string Algorithm { get; }

    /// <summary>The id of the matching public key (<see cref="KeyIds"/>).</summary>
    public string KeyId { get; }

    /// <exception cref="SigningKeyException">The file is missing, unreadable, or holds no usable private key.</exception>
    public static DigestSigner Load(string privateKeyPath)
    {
        var key = PemKeyFile.Load(privateKeyPath, "private key");
        try
        {
            // A public key file passed by mistake imports fine but cannot sign: say so before any work is done.
            _ = key is ECDsa ec ? ec.ExportParameters(true).D : ((RSA)key).ExportParameters(true).D;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new SigningKeyException($"{privateKeyPath} holds a public key; seal needs the private key", ex);
        }

        return new DigestSigner(key);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => _key is ECDsa ec
        ? ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
        : ((RSA)_key).SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    /// <summary>The public key in PEM (SubjectPublicKeyInfo), to hand to auditors.</summary>
    public string PublicKeyPem() => PemEncoding.WriteString("PUBLIC KEY", PemKeyFile.PublicKeyInfo(_key));

    public void Dispose() => _key.Dispose();
}

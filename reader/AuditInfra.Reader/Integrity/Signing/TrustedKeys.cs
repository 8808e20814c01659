using System.Security.Cryptography;

namespace AuditInfra.Reader.Integrity.Signing;

/// <summary>
/// The public keys a verifier trusts (several while a key is being rotated), by key id. Thread-safe for verifying.
/// </summary>
public sealed class TrustedKeys : IDisposable
{
    private readonly Dictionary<string, AsymmetricAlgorithm> _keys = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <exception cref="SigningKeyException">A file is missing, unreadable, or holds no usable key.</exception>
    public static TrustedKeys Load(IEnumerable<string> publicKeyPaths)
    {
        var keys = new TrustedKeys();
        foreach (var path in publicKeyPaths)
        {
            var key = PemKeyFile.Load(path, "public key");
            keys._keys[KeyIds.Of(PemKeyFile.PublicKeyInfo(key))] = key;
        }

        if (keys._keys.Count == 0)
        {
            throw new SigningKeyException("no public key given: --integrity needs --public-key FILE (the sealer's public key)");
        }

        return keys;
    }

    /// <summary>The trusted key ids.</summary>
    public IReadOnlyCollection<string> Ids => _keys.Keys;

    /// <summary>Null when the signature is good, else why not (unknown key, algorithm mismatch, bad signature).</summary>
    public string? Check(string keyId, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            return $"signed by key {keyId}, which is not among the trusted public keys";
        }

        if (algorithm != PemKeyFile.AlgorithmOf(key))
        {
            return $"signature algorithm {algorithm} does not match key {keyId} ({PemKeyFile.AlgorithmOf(key)})";
        }

        bool good;
        lock (_gate)
        {
            // One key object serves every worker; the platform's key handles are not documented as thread-safe.
            good = key is ECDsa ec
                ? ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                : ((RSA)key).VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        }

        return good ? null : "the signature does not match the digest's content";
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}

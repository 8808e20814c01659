using System.Security.Cryptography;

namespace AuditInfra.Reader.Integrity.Signing;

/// <summary>
/// Loads PEM keys (PKCS#8 <c>PRIVATE KEY</c>, SEC1 <c>EC PRIVATE KEY</c>, PKCS#1 <c>RSA PRIVATE KEY</c>,
/// SubjectPublicKeyInfo <c>PUBLIC KEY</c>) as ECDSA P-256 or RSA objects; anything else is a <see cref="SigningKeyException"/>.
/// </summary>
internal static class PemKeyFile
{
    /// <summary>Reads a key file and imports it as ECDSA (P-256 only) or, failing that, RSA (at least 2048 bits).</summary>
    public static AsymmetricAlgorithm Load(string path, string role)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"cannot read the {role} {path}: {ex.Message}", ex);
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            if (ec.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new SigningKeyException($"the {role} {path} is an EC key on a curve other than P-256; only ECDSA P-256 and RSA-PSS are accepted");
            }

            return ec;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            ec.Dispose();
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new SigningKeyException($"the {role} {path} holds no ECDSA P-256 or RSA key in PEM form", ex);
        }

        if (rsa.KeySize < SignatureAlgorithms.MinimumRsaBits)
        {
            rsa.Dispose();
            throw new SigningKeyException($"the {role} {path} is an RSA key of {rsa.KeySize} bits; at least {SignatureAlgorithms.MinimumRsaBits} are required");
        }

        return rsa;
    }

    public static string AlgorithmOf(AsymmetricAlgorithm key) => key is ECDsa ? SignatureAlgorithms.EcdsaP256Sha256 : SignatureAlgorithms.RsaPssSha256;

    public static byte[] PublicKeyInfo(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfo();
}

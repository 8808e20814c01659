using System.Security.Cryptography;

namespace AuditInfra.Reader.Integrity.Signing;

/// <summary>
/// Writes a new signing key pair as PEM: the private key (PKCS#8) created with mode 0600 so only its owner can read
/// it, and the public key (SubjectPublicKeyInfo). Existing files are never overwritten.
/// </summary>
public static class KeyGenerator
{
    /// <param name="algorithm"><see cref="SignatureAlgorithms.EcdsaP256Sha256"/> or <see cref="SignatureAlgorithms.RsaPssSha256"/> (3072 bits).</param>
    /// <returns>The public key's id.</returns>
    /// <exception cref="SigningKeyException">A file exists already or cannot be written.</exception>
    public static string Generate(string algorithm, string privateKeyPath, string publicKeyPath)
    {
        using AsymmetricAlgorithm key = algorithm switch
        {
            SignatureAlgorithms.EcdsaP256Sha256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            SignatureAlgorithms.RsaPssSha256 => RSA.Create(3072),
            _ => throw new ArgumentException($"unknown algorithm '{algorithm}'; use {SignatureAlgorithms.EcdsaP256Sha256} or {SignatureAlgorithms.RsaPssSha256}"),
        };
        var spki = key.ExportSubjectPublicKeyInfo();
        var privatePem = PemEncoding.Write("PRIVATE KEY", key.ExportPkcs8PrivateKey());
        try
        {
            Write(privateKeyPath, System.Text.Encoding.ASCII.GetBytes(privatePem), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Write(publicKeyPath, System.Text.Encoding.ASCII.GetBytes(PemEncoding.WriteString("PUBLIC KEY", spki)),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(privatePem.AsSpan()));
        }

        return KeyIds.Of(spki);
    }

    private static void Write(string path, byte[] content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the private key is never readable by others, not even for a moment.
            options.UnixCreateMode = mode;
        }

        try
        {
            using var file = new FileStream(path, options);
            file.Write(content);
            file.Write("\n"u8);
            file.Flush(flushToDisk: true);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new SigningKeyException($"{path} exists already; a key file is never overwritten", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"cannot write {path}: {ex.Message}", ex);
        }
    }
}

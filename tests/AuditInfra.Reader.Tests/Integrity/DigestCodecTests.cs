using System.Text;
using AuditInfra.Reader.Integrity;
using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Layout;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Integrity;

public sealed class DigestCodecTests : IDisposable
{
    private readonly TempDirectory _dir = new("digest-codec");

    [Theory]
    [InlineData(SignatureAlgorithms.EcdsaP256Sha256)]
    [InlineData(SignatureAlgorithms.RsaPssSha256)]
    public void A_written_digest_reads_back_whole_under_its_public_key(string algorithm)
    {
        var (signer, trusted) = Keys(algorithm, "a");
        using (signer)
        using (trusted)
        {
            var digest = Sample(signer.KeyId);
            var read = DigestCodec.Read("k", DigestCodec.Write(digest, signer), trusted);
            Assert.Equal(algorithm, read.Algorithm);
            Assert.Equal(digest.Objects, read.Content.Objects);
            Assert.Equal(digest.Period, read.Content.Period);
            Assert.Equal(digest.Previous, read.Content.Previous);
            Assert.Equal(digest.Stream, read.Content.Stream);
            Assert.Equal(64, read.Link.SignatureSha256.Length);
        }
    }

    [Fact]
    public void Any_changed_byte_inside_the_digest_fails_the_signature()
    {
        var (signer, trusted) = Keys(SignatureAlgorithms.EcdsaP256Sha256, "b");
        using (signer)
        using (trusted)
        {
            var file = Encoding.UTF8.GetString(DigestCodec.Write(Sample(signer.KeyId), signer));
            var changed = file.Replace("\"size\":1234", "\"size\":1235", StringComparison.Ordinal);
            Assert.NotEqual(file, changed);
            var ex = Assert.Throws<DigestFormatException>(() => DigestCodec.Read("k", Encoding.UTF8.GetBytes(changed), trusted));
            Assert.Equal("the signature does not match the digest's content", ex.Message);
            // Whitespace counts too: the signature is over the bytes as written, nothing is re-serialized.
            Assert.Throws<DigestFormatException>(() => DigestCodec.Read("k", Encoding.UTF8.GetBytes(file.Replace("\"format\":1", "\"format\": 1", StringComparison.Ordinal)), trusted));
        }
    }

    [Fact]
    public void A_digest_signed_by_an_untrusted_key_is_refused_by_key_id()
    {
        var (signer, _) = Keys(SignatureAlgorithms.EcdsaP256Sha256, "c");
        var (other, trusted) = Keys(SignatureAlgorithms.EcdsaP256Sha256, "d");
        using (signer)
        using (other)
        using (trusted)
        {
            var ex = Assert.Throws<DigestFormatException>(() => DigestCodec.Read("k", DigestCodec.Write(Sample(signer.KeyId), signer), trusted));
            Assert.Contains(signer.KeyId, ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"digest\":{}}")]
    [InlineData("{\"digest\":{\"format\":1},\"signature\":{\"algorithm\":\"x\",\"value\":\"AA==\"}}")]
    public void Malformed_files_are_format_errors(string text)
    {
        Assert.Throws<DigestFormatException>(() => DigestCodec.Read("k", Encoding.UTF8.GetBytes(text), null));
    }

    [Fact]
    public void Keygen_writes_the_private_key_readable_by_its_owner_only_and_never_overwrites()
    {
        var id = KeyGenerator.Generate(SignatureAlgorithms.EcdsaP256Sha256, _dir.Combine("p.pem"), _dir.Combine("p.pub"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.Combine("p.pem")));
        }

        using var signer = DigestSigner.Load(_dir.Combine("p.pem"));
        Assert.Equal(id, signer.KeyId);
        Assert.Throws<SigningKeyException>(() => KeyGenerator.Generate(SignatureAlgorithms.EcdsaP256Sha256, _dir.Combine("p.pem"), _dir.Combine("q.pub")));
        var ex = Assert.Throws<SigningKeyException>(() => DigestSigner.Load(_dir.Combine("p.pub")));
        Assert.Contains("holds a public key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_keys_round_trip_and_sort_by_sequence()
    {
        var stream = new DeliveryPartition(StreamType.LkeAuditLogs, "ACCT", "lke7") { Prefix = "lke_audit_logs/com.akamai.audit/ACCT/lke7/" };
        var period = new SealPeriod(new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero), PeriodLength.Hour);
        var key = DigestKeys.Key(stream, period, 42);
        Assert.Equal("auditinfra-digests/lke_audit_logs/ACCT/lke7/2026/11/01/2026-11-01T05-hour-0000000042.json", key);
        Assert.True(DigestKeys.TryParse(key, out var parsed, out var sequence));
        Assert.Equal((period, 42L), (parsed, sequence));
        Assert.False(DigestKeys.TryParse("auditinfra-digests/x/notes.txt", out _, out _));
    }

    public void Dispose() => _dir.Dispose();

    private (DigestSigner Signer, TrustedKeys Trusted) Keys(string algorithm, string name)
    {
        KeyGenerator.Generate(algorithm, _dir.Combine(name + ".pem"), _dir.Combine(name + ".pub"));
        return (DigestSigner.Load(_dir.Combine(name + ".pem")), TrustedKeys.Load([_dir.Combine(name + ".pub")]));
    }

    private static Digest Sample(string keyId)
    {
        var t = new DateTimeOffset(2026, 11, 1, 5, 10, 0, TimeSpan.Zero);
        return new Digest(
            new DeliveryPartition(StreamType.AuditLogs, "ACCT", null) { Prefix = "audit_logs/com.akamai.audit/ACCT/" },
            new SealPeriod(new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero), PeriodLength.Hour),
            7,
            false,
            t.AddHours(2),
            TimeSpan.FromHours(24),
            keyId,
            new DigestLink("auditinfra-digests/audit_logs/ACCT/2026/11/01/2026-11-01T04-hour-0000000006.json", new string('a', 64)),
            [new SealedObject("audit_logs/com.akamai.audit/ACCT/2026/11/01/akamai_log-000001-1793510000-000002-config.gz", "v1", 1234, "etag", new string('b', 64), t, 20, t.AddMinutes(-9), t, "GOVERNANCE", t.AddDays(1))]);
    }
}

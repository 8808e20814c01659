using System.Diagnostics;
using System.Globalization;
using System.Text;
using AuditInfra.Cli.Tests.Reader;
using AuditInfra.Reader.Integrity.Digests;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests.Integrity;

/// <summary>
/// <c>seal</c> then <c>verify --integrity</c> on the real Ceph RGW: a sealed delivery is tampered with in one way at a
/// time, and each tampering must give exactly its own finding and nothing else.
/// </summary>
public sealed class TamperTests
{
    // The generator spreads a day's objects: config at 06h, 12h and 18h, the login file at 12h, k8s at 08h and 16h.
    private const string EmptyHour = "T03-hour";
    private const string FullHour = "T06-hour";

    [Fact]
    public async Task An_untouched_delivery_has_a_digest_per_stream_and_hour_verifies_clean_and_a_second_seal_writes_nothing()
    {
        using var d = await SealedDelivery.CreateAsync("seal-clean");
        var digests = await d.DigestKeysAsync();
        Assert.Equal(48, digests.Count); // 2 streams x 24 hours, empty hours included

        var empty = Encoding.UTF8.GetString(await d.GetAsync(AuditDigest(digests, EmptyHour)));
        Assert.Contains("\"objects\":[]", empty, StringComparison.Ordinal);

        var verify = await d.VerifyAsync();
        Assert.True(verify.Exit == 0, verify.Err + verify.Out);
        Assert.Empty(SealedDelivery.Findings(verify.Out));

        var again = await d.SealAsync();
        Assert.Equal(0, again.Exit);
        Assert.StartsWith("sealed 0 digests", again.Out, StringComparison.Ordinal);
        Assert.Equal(48, (await d.DigestKeysAsync()).Count);
    }

    [Fact]
    public async Task Deleting_a_sealed_version_with_the_governance_bypass_is_object_deleted()
    {
        using var d = await SealedDelivery.CreateAsync("seal-delete");
        var victim = (await d.KeysAsync("audit_logs/")).First(k => k.EndsWith("-config.gz", StringComparison.Ordinal));
        await d.DeleteAllVersionsAsync(victim);

        var verify = await d.VerifyAsync();
        Assert.Equal(1, verify.Exit);
        Assert.Equal([("object_deleted", victim)], SealedDelivery.Kinds(verify.Out));
    }

    [Fact]
    public async Task Overwriting_a_sealed_object_is_object_modified()
    {
        using var d = await SealedDelivery.CreateAsync("seal-overwrite");
        var victim = (await d.KeysAsync("audit_logs/")).First(k => k.EndsWith("-config.gz", StringComparison.Ordinal));
        await d.PutAsync(victim, await ForeignObjectAsync());

        var verify = await d.VerifyAsync();
        Assert.Equal(1, verify.Exit);
        Assert.Equal([("object_modified", victim)], SealedDelivery.Kinds(verify.Out));
        Assert.Contains("overwritten", SealedDelivery.Findings(verify.Out)[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_objects_in_a_sealed_hour_and_a_sealed_empty_hour_are_object_injected()
    {
        using var d = await SealedDelivery.CreateAsync("seal-forge");
        var folder = Folder((await d.KeysAsync("audit_logs/")).First(k => k.EndsWith("-config.gz", StringComparison.Ordinal)));
        var forged = new[] { folder + ForgedName(hour: 6), folder + ForgedName(hour: 3) };
        var content = await ForeignObjectAsync();
        foreach (var key in forged)
        {
            await d.PutAsync(key, content[..]);
        }

        // Both carry the same records, so plain verify would also see duplicates: use two different forgeries.
        await d.PutAsync(forged[1], await ForeignObjectAsync(seed: 98));
        var verify = await d.VerifyAsync();
        Assert.Equal(1, verify.Exit);
        Assert.Equal(forged.Select(k => ("object_injected", k)).Order(), SealedDelivery.Kinds(verify.Out).Order());
    }

    [Fact]
    public async Task Removing_a_digest_is_digest_missing_only()
    {
        using var d = await SealedDelivery.CreateAsync("seal-rmdigest");
        var digest = AuditDigest(await d.DigestKeysAsync(), FullHour);
        await d.DeleteAllVersionsAsync(digest);

        var verify = await d.VerifyAsync();
        Assert.Equal(1, verify.Exit);
        var finding = Assert.Single(SealedDelivery.Kinds(verify.Out));
        Assert.Equal("digest_missing", finding.Kind);
        Assert.StartsWith(digest[..digest.LastIndexOf('-')], finding.Object, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_digest_of_an_empty_hour_is_digest_missing_only()
    {
        using var d = await SealedDelivery.CreateAsync("seal-rmempty");
        var digest = AuditDigest(await d.DigestKeysAsync(), EmptyHour);
        await d.DeleteAllVersionsAsync(digest);

        var verify = await d.VerifyAsync();
        Assert.Equal(1, verify.Exit);
        Assert.Equal("digest_missing", Assert.Single(SealedDelivery.Kinds(verify.Out)).Kind);
    }

    [Fact]
    public async Task Altering_a_digests_bytes_is_digest_invalid_only()
    {
        using var d = await SealedDelivery.CreateAsync("seal-alter");
        var digest = AuditDigest(await d.DigestKeysAsync(), FullHour);
        var text = Encoding.UTF8.GetString(await d.GetAsync(digest));
        var altered = text.Replace("\"records\":5", "\"records\":4", StringComparison.Ordinal);
        Assert.NotEqual(text, altered);
        await d.PutAsync(digest, Encoding.UTF8.GetBytes(altered));

        var verify = await d.VerifyAsync();
        Assert.Equal(1, verify.Exit);
        Assert.Equal([("digest_invalid", digest)], SealedDelivery.Kinds(verify.Out));
    }

    [Fact]
    public async Task A_digest_re_signed_with_another_key_is_digest_invalid_only()
    {
        using var d = await SealedDelivery.CreateAsync("seal-resign");
        var digest = AuditDigest(await d.DigestKeysAsync(), FullHour);
        using var otherKeys = new TempDirectory("other-key");
        KeyGenerator.Generate(SignatureAlgorithms.EcdsaP256Sha256, otherKeys.Combine("k.pem"), otherKeys.Combine("k.pub"));
        using var other = DigestSigner.Load(otherKeys.Combine("k.pem"));
        var original = DigestCodec.Read(digest, await d.GetAsync(digest), null).Content;
        // The forger drops an object from the list and signs with a key of their own.
        var forged = original with { SignerKeyId = other.KeyId, Objects = [.. original.Objects.Skip(1)] };
        await d.PutAsync(digest, DigestCodec.Write(forged, other));

        var verify = await d.VerifyAsync();
        Assert.Equal(1, verify.Exit);
        var finding = Assert.Single(SealedDelivery.Findings(verify.Out));
        Assert.Equal("digest_invalid", finding.GetProperty("kind").GetString());
        Assert.Equal(digest, finding.GetProperty("object").GetString());
        Assert.Contains("not among the trusted public keys", finding.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_arrival_is_late_object_until_the_next_seal_adds_an_addendum()
    {
        // A late window long enough that an upload today still counts as late for the sealed day.
        using var d = await SealedDelivery.CreateAsync("seal-late", true, "--late-window", "3650d");
        var folder = Folder((await d.KeysAsync("audit_logs/")).First(k => k.EndsWith("-config.gz", StringComparison.Ordinal)));
        var late = folder + ForgedName(hour: 6);
        await d.PutAsync(late, await ForeignObjectAsync());

        var before = await d.VerifyAsync();
        Assert.Equal(1, before.Exit);
        Assert.Equal([("late_object", late)], SealedDelivery.Kinds(before.Out));

        var reseal = await d.SealAsync("--late-window", "3650d", "--format", "json");
        Assert.True(reseal.Exit == 0, reseal.Err);
        Assert.Contains("\"addenda\":1", reseal.Out, StringComparison.Ordinal);

        var after = await d.VerifyAsync();
        Assert.True(after.Exit == 0, after.Out);
    }

    [Fact]
    public async Task Killing_seal_at_random_points_and_running_it_again_leaves_a_whole_chain()
    {
        using var d = await SealedDelivery.CreateAsync("seal-kill", seal: false);
        var random = new Random(16);
        for (var round = 0; round < 4; round++)
        {
            var target = (await d.DigestKeysAsync()).Count + random.Next(0, 14);
            using var process = StartSealProcess(d);
            await Poll.UntilAsync(async () => process.HasExited || (await d.DigestKeysAsync()).Count >= target, TimeSpan.FromSeconds(60), $"{target} digests");
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        var final = await d.SealAsync();
        Assert.True(final.Exit == 0, final.Err);
        var digests = await d.DigestKeysAsync();
        Assert.Equal(48, digests.Count);
        foreach (var stream in digests.GroupBy(k => k[..k.IndexOf("/2026/", StringComparison.Ordinal)]))
        {
            var sequences = stream.Select(k => long.Parse(k[(k.LastIndexOf('-') + 1)..^5], CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), sequences);
        }

        var verify = await d.VerifyAsync();
        Assert.True(verify.Exit == 0, verify.Out);
    }

    private static Process StartSealProcess(SealedDelivery d)
    {
        var start = BuiltCli.StartInfo([
            "seal", "--source", $"s3://{d.Bucket}", "--endpoint", S3TestServer.Instance.Endpoint, "--private-key", d.PrivateKey,
            "--from", SealedDelivery.Day, "--to", SealedDelivery.Day, "--parallelism", "1"]);

        start.Environment["AWS_ACCESS_KEY_ID"] = S3TestServer.Instance.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = S3TestServer.Instance.SecretKey;
        return Process.Start(start)!;
    }

    private static string AuditDigest(List<string> digests, string hour) =>
        digests.Single(k => k.StartsWith("auditinfra-digests/audit_logs/", StringComparison.Ordinal) && k.Contains(hour, StringComparison.Ordinal));

    private static string Folder(string key) => key[..(key.LastIndexOf('/') + 1)];

    private static string ForgedName(int hour)
    {
        var unix = new DateTimeOffset(2026, 11, 1, hour, 17, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"akamai_log-424242-{unix}-{hour:D6}-config.gz");
    }

    /// <summary>A valid -config object of another generated delivery of the same day (so its records are new, well-formed and in the day).</summary>
    private static async Task<byte[]> ForeignObjectAsync(int seed = 99)
    {
        using var folder = new TempDirectory("forgery");
        var generated = await CliRun.RunAsync("generate", "--output", folder.Path, "--from", SealedDelivery.Day, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--records", "5", "--no-empty", "--no-probe");
        Assert.True(generated.Exit == 0, generated.Err);
        var file = Directory.EnumerateFiles(folder.Path, "*-config.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        return await File.ReadAllBytesAsync(file);
    }
}

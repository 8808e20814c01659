using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>
/// A digest file: <c>{"digest": {...}, "signature": {"algorithm": "...", "value": "&lt;base64&gt;"}}</c>. The signature
/// covers the exact UTF-8 bytes of the <c>digest</c> value as they stand in the file (as in JWS, nothing is
/// re-serialized before checking), so any changed byte inside it fails the check. Field names are snake_case like
/// the verify report.
/// </summary>
public static class DigestCodec
{
    /// <summary>Digests larger than this are refused unread (about 150,000 objects per period).</summary>
    public const int MaxDigestBytes = 64 * 1024 * 1024;

    /// <summary>Serializes and signs a digest; the result is the whole file.</summary>
    public static byte[] Write(Digest digest, DigestSigner signer)
    {
        var content = WriteContent(digest);
        var signature = signer.Sign(content);
        var file = new ArrayBufferWriter<byte>(content.Length + 512);
        file.Write("{\"digest\":"u8);
        file.Write(content);
        // The outer object is continued by hand: a writer cannot start mid-object, so it writes the signature object alone.
        file.Write(",\"signature\":"u8);
        using (var json = new Utf8JsonWriter(file))
        {
            json.WriteStartObject();
            json.WriteString("algorithm", signer.Algorithm);
            json.WriteString("value", Convert.ToBase64String(signature));
            json.WriteEndObject();
        }

        file.Write("}\n"u8);
        return file.WrittenSpan.ToArray();
    }

    /// <summary>Parses a digest file and checks its signature against the trusted keys (null: parse only, for the sealer's own chain).</summary>
    /// <exception cref="DigestFormatException">Malformed, unsigned, signed by an unknown key, or a bad signature.</exception>
    public static SignedDigest Read(string key, ReadOnlyMemory<byte> file, TrustedKeys? trusted)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(file, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new DigestFormatException($"not JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("digest", out var content) || content.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("signature", out var signature) || signature.ValueKind != JsonValueKind.Object)
            {
                throw new DigestFormatException("not a digest: expected {\"digest\": {...}, \"signature\": {...}}");
            }

            var digest = ReadContent(content);
            var algorithm = Str(signature, "algorithm");
            byte[] value;
            try
            {
                value = Convert.FromBase64String(Str(signature, "value"));
            }
            catch (FormatException ex)
            {
                throw new DigestFormatException("the signature value is not base64", ex);
            }

            if (trusted?.Check(digest.SignerKeyId, algorithm, JsonMarshal.GetRawUtf8Value(content), value) is { } problem)
            {
                throw new DigestFormatException(problem);
            }

            return new SignedDigest(key, digest, algorithm, value);
        }
    }

    private static byte[] WriteContent(Digest d)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + (d.Objects.Count * 400));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Digest.FormatVersion);
            json.WriteStartObject("stream");
            json.WriteString("type", StreamTypes.Name(d.Stream.Stream));
            json.WriteString("account", d.Stream.Account);
            json.WriteString("cluster", d.Stream.Cluster);
            json.WriteString("prefix", d.Stream.Prefix);
            json.WriteEndObject();
            json.WriteStartObject("period");
            json.WriteString("length", SealPeriod.Name(d.Period.Length));
            json.WriteString("start", Time(d.Period.Start));
            json.WriteString("end", Time(d.Period.End));
            json.WriteEndObject();
            json.WriteNumber("sequence", d.Sequence);
            json.WriteBoolean("addendum", d.Addendum);
            json.WriteString("created_at", Time(d.CreatedAt));
            json.WriteNumber("late_window_seconds", (long)d.LateWindow.TotalSeconds);
            json.WriteString("signer_key_id", d.SignerKeyId);
            if (d.Previous is { } previous)
            {
                json.WriteStartObject("previous");
                json.WriteString("key", previous.Key);
                json.WriteString("signature_sha256", previous.SignatureSha256);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("previous");
            }

            json.WriteStartArray("objects");
            foreach (var o in d.Objects)
            {
                json.WriteStartObject();
                json.WriteString("key", o.Key);
                json.WriteString("version_id", o.VersionId);
                json.WriteNumber("size", o.Size);
                json.WriteString("etag", o.ETag);
                json.WriteString("sha256", o.Sha256);
                json.WriteString("last_modified", Time(o.LastModified));
                json.WriteNumber("records", o.Records);
                json.WriteString("first_record_time", o.FirstRecordTime is { } first ? Time(first) : null);
                json.WriteString("last_record_time", o.LastRecordTime is { } last ? Time(last) : null);
                json.WriteStartObject("object_lock");
                json.WriteString("mode", o.LockMode);
                json.WriteString("retain_until", o.RetainUntil is { } until ? Time(until) : null);
                json.WriteEndObject();
                if (o.Damage is { } damage)
                {
                    json.WriteString("damage", damage);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Digest ReadContent(JsonElement d)
    {
        if (Num(d, "format") != Digest.FormatVersion)
        {
            throw new DigestFormatException($"unknown digest format {Num(d, "format")} (this reader knows {Digest.FormatVersion})");
        }

        var s = Obj(d, "stream");
        var stream = StreamTypes.Parse(Str(s, "type")) ?? throw new DigestFormatException($"unknown stream type '{Str(s, "type")}'");
        var partition = new DeliveryPartition(stream, Str(s, "account"), OptStr(s, "cluster")) { Prefix = Str(s, "prefix") };
        var p = Obj(d, "period");
        var length = SealPeriod.ParseLength(Str(p, "length")) ?? throw new DigestFormatException($"unknown period length '{Str(p, "length")}'");
        var period = new SealPeriod(TimeOf(p, "start"), length);
        if (period.End != TimeOf(p, "end"))
        {
            throw new DigestFormatException("the period's end does not match its start and length");
        }

        DigestLink? previous = null;
        if (d.TryGetProperty("previous", out var prev) && prev.ValueKind == JsonValueKind.Object)
        {
            previous = new DigestLink(Str(prev, "key"), Str(prev, "signature_sha256"));
        }

        var objects = new List<SealedObject>();
        if (!d.TryGetProperty("objects", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new DigestFormatException("no objects array");
        }

        foreach (var o in list.EnumerateArray())
        {
            var lockInfo = Obj(o, "object_lock");
            objects.Add(new SealedObject(
                Str(o, "key"),
                OptStr(o, "version_id"),
                Num(o, "size"),
                OptStr(o, "etag"),
                Str(o, "sha256"),
                TimeOf(o, "last_modified"),
                Num(o, "records"),
                OptTime(o, "first_record_time"),
                OptTime(o, "last_record_time"),
                OptStr(lockInfo, "mode"),
                OptTime(lockInfo, "retain_until"),
                OptStr(o, "damage")));
        }

        return new Digest(
            partition,
            period,
            Num(d, "sequence"),
            d.TryGetProperty("addendum", out var addendum) && addendum.ValueKind == JsonValueKind.True,
            TimeOf(d, "created_at"),
            TimeSpan.FromSeconds(Num(d, "late_window_seconds")),
            Str(d, "signer_key_id"),
            previous,
            objects);
    }

    /// <summary>UTC, millisecond precision, <c>Z</c>: what S3 dates carry and a stable text for signing.</summary>
    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    private static JsonElement Obj(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new DigestFormatException($"'{name}' is missing or not an object");

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new DigestFormatException($"'{name}' is missing or not a string");

    private static string? OptStr(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : throw new DigestFormatException($"'{name}' is not a string");

    private static long Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : throw new DigestFormatException($"'{name}' is missing or not an integer");

    private static DateTimeOffset TimeOf(JsonElement e, string name) => OptTime(e, name) ?? throw new DigestFormatException($"'{name}' is missing");

    private static DateTimeOffset? OptTime(JsonElement e, string name)
    {
        var text = OptStr(e, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw new DigestFormatException($"'{name}' is not a UTC time like 2026-11-01T05:00:00.000Z");
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Records;

/// <summary>
/// What makes a delivered record the same record: the one definition every command uses (verify's
/// <c>duplicate_record</c>, sync's de-duplication, detect's evidence).
/// <list type="bullet">
/// <item>A CloudEvent (config and sign-in files) is (<c>source</c>, <c>id</c>): the CloudEvents 1.0 spec says
/// "Consumers MAY assume that Events with identical <c>source</c> and <c>id</c> are duplicates"; the same
/// <c>id</c> under another <c>source</c> is another event.</item>
/// <item>A Kubernetes <c>audit.k8s.io/v1</c> Event (LKE files) is (<c>auditID</c>, <c>stage</c>): the API server
/// writes one Event per stage of a request (RequestReceived, ResponseStarted, ResponseComplete, Panic), all with
/// the request's <c>auditID</c>; a watch, exec, attach or port-forward always has several.</item>
/// </list>
/// The identity is held as a stable 64-bit hash (the same in every process and on every machine, so sync may store
/// it): the two parts' decoded UTF-8 bytes with a 0xFF byte between them (never part of UTF-8, so ("a","bc") and
/// ("ab","c") differ). Two different records share a hash about once in 2^64/n² runs.
/// </summary>
public static class RecordIdentity
{
    private const byte Separator = 0xFF;
    private const int StackLimit = 512;

    /// <summary>The identity hash of a parsed (validated) record, decoding nothing unless a part holds JSON escapes.</summary>
    public static ulong Hash(in ParsedRecord record)
    {
        var (first, second) = record.Category == LogCategory.Kubernetes
            ? (RecordField.AuditId, RecordField.Stage)
            : (RecordField.Source, RecordField.Id);
        var a = record.StringUtf8(first);
        var b = record.StringUtf8(second);
        if (a.IndexOf((byte)'\\') >= 0 || b.IndexOf((byte)'\\') >= 0)
        {
            return Hash(record.GetString(first) ?? string.Empty, record.GetString(second) ?? string.Empty);
        }

        return Hash(a, b);
    }

    /// <summary>The identity hash of a decoded record (the same value <see cref="Hash(in ParsedRecord)"/> gives for it).</summary>
    public static ulong Hash(AuditRecord record) => record.Category == LogCategory.Kubernetes
        ? Hash(record.Id, record.Stage ?? string.Empty)
        : Hash(record.Source ?? string.Empty, record.Id);

    /// <summary>
    /// The identity hash of a delivered line read on its own (sync's output recovery, which no longer knows the
    /// object the line came from): a line with <c>specversion</c> is a CloudEvent, one with <c>auditID</c> a
    /// Kubernetes Event. Only top-level attributes are read. Null when the line is not a JSON object or has neither
    /// identity.
    /// </summary>
    public static ulong? HashOfLine(ReadOnlySpan<byte> line)
    {
        string? id = null, source = null, auditId = null, stage = null;
        var cloudEvent = false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ref var target = ref id;
                var known = true;
                if (reader.ValueTextEquals("id"u8))
                {
                    target = ref id;
                }
                else if (reader.ValueTextEquals("source"u8))
                {
                    target = ref source;
                }
                else if (reader.ValueTextEquals("auditID"u8))
                {
                    target = ref auditId;
                }
                else if (reader.ValueTextEquals("stage"u8))
                {
                    target = ref stage;
                }
                else
                {
                    cloudEvent |= reader.ValueTextEquals("specversion"u8);
                    known = false;
                }

                reader.Read();
                if (known && reader.TokenType == JsonTokenType.String)
                {
                    target = reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an escape that is half a UTF-16 surrogate pair cannot be decoded.
            return null;
        }

        return cloudEvent && id is not null ? Hash(source ?? string.Empty, id)
            : auditId is not null ? Hash(auditId, stage ?? string.Empty)
            : id is not null ? Hash(source ?? string.Empty, id)
            : null;
    }

    /// <summary>
    /// Writes the identity's bytes, exactly what <see cref="Hash(in ParsedRecord)"/> hashes (the two parts' decoded
    /// UTF-8 with a 0xFF byte between them), for an exact comparison of two identities. False when
    /// <paramref name="destination"/> is too short; <paramref name="length"/> is then the length needed.
    /// </summary>
    public static bool TryWriteUtf8(in ParsedRecord record, Span<byte> destination, out int length)
    {
        var (first, second) = record.Category == LogCategory.Kubernetes
            ? (RecordField.AuditId, RecordField.Stage)
            : (RecordField.Source, RecordField.Id);
        var a = record.StringUtf8(first);
        var b = record.StringUtf8(second);
        if (a.IndexOf((byte)'\\') < 0 && b.IndexOf((byte)'\\') < 0)
        {
            length = a.Length + 1 + b.Length;
            if (length > destination.Length)
            {
                return false;
            }

            a.CopyTo(destination);
            destination[a.Length] = Separator;
            b.CopyTo(destination[(a.Length + 1)..]);
            return true;
        }

        var decodedA = record.GetString(first) ?? string.Empty;
        var decodedB = record.GetString(second) ?? string.Empty;
        length = Encoding.UTF8.GetByteCount(decodedA) + 1 + Encoding.UTF8.GetByteCount(decodedB);
        if (length > destination.Length)
        {
            return false;
        }

        var written = Encoding.UTF8.GetBytes(decodedA, destination);
        destination[written++] = Separator;
        Encoding.UTF8.GetBytes(decodedB, destination[written..]);
        return true;
    }

    /// <summary>
    /// The identity as a person reads it, from the bytes <see cref="TryWriteUtf8"/> wrote: <c>source "…" id "…"</c>
    /// or <c>auditID "…" stage "…"</c> (the same text as <see cref="Describe(in ParsedRecord)"/>).
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> identity, bool kubernetes)
    {
        var split = identity.IndexOf(Separator);
        var first = Encoding.UTF8.GetString(split < 0 ? identity : identity[..split]);
        var second = split < 0 ? string.Empty : Encoding.UTF8.GetString(identity[(split + 1)..]);
        return kubernetes ? $"auditID \"{first}\" stage \"{second}\"" : $"source \"{first}\" id \"{second}\"";
    }

    /// <summary>The identity as a person reads it in a finding: <c>source "…" id "…"</c> or <c>auditID "…" stage "…"</c>.</summary>
    public static string Describe(in ParsedRecord record) => record.Category == LogCategory.Kubernetes
        ? $"auditID \"{record.Id}\" stage \"{record.GetString(RecordField.Stage)}\""
        : $"source \"{record.GetString(RecordField.Source)}\" id \"{record.Id}\"";

    /// <summary>The hash of an identity given as its two parts (first: <c>source</c> or <c>auditID</c>).</summary>
    public static ulong Hash(string first, string second)
    {
        var length = Encoding.UTF8.GetByteCount(first) + 1 + Encoding.UTF8.GetByteCount(second);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = Encoding.UTF8.GetBytes(first, buffer);
        buffer[written++] = Separator;
        written += Encoding.UTF8.GetBytes(second, buffer[written..]);
        var hash = IdHash.Compute(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    private static ulong Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var length = first.Length + 1 + second.Length;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        first.CopyTo(buffer);
        buffer[first.Length] = Separator;
        second.CopyTo(buffer[(first.Length + 1)..]);
        var hash = IdHash.Compute(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }
}

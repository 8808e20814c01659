using System.Text;
using System.Text.Json;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Records;

/// <summary>
/// A validated record as positions into its line: reading a field costs nothing until asked, and only what is
/// asked for is decoded. Valid while the line's buffer is (the current line of a <c>GzipLineReader</c>).
/// </summary>
public readonly ref struct ParsedRecord
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly RecordParser _parser;

    internal ParsedRecord(ReadOnlySpan<byte> line, LogCategory category, RecordParser parser)
    {
        _line = line;
        _parser = parser;
        Category = category;
    }

    public LogCategory Category { get; }

    /// <summary>The delivered line itself (UTF-8, without its line break): sync writes it verbatim.</summary>
    public ReadOnlySpan<byte> Line => _line;

    /// <summary>The id as its UTF-8 bytes inside the quotes (CloudEvents <c>id</c> or Kubernetes <c>auditID</c>).</summary>
    public ReadOnlySpan<byte> IdUtf8 => Inner(Category == LogCategory.Kubernetes ? RecordField.AuditId : RecordField.Id);

    /// <summary>The configured event-code path's string bytes, or empty.</summary>
    public ReadOnlySpan<byte> EventCodeUtf8 => StringUtf8(RecordField.EventCode);

    /// <summary>The configured outcome path's string bytes, or empty. Like the other <c>…Utf8</c> views, they may hold JSON escapes.</summary>
    public ReadOnlySpan<byte> OutcomeUtf8 => StringUtf8(RecordField.Outcome);

    /// <summary>
    /// The string bytes of the <paramref name="index"/>-th identity an actor filter matches (0 and 1; empty when the
    /// record has none there): CloudEvents the configured actor path (user name) and its fallback (e-mail), whichever
    /// are present; Kubernetes <c>user.username</c> and <c>impersonatedUser.username</c>.
    /// </summary>
    public ReadOnlySpan<byte> IdentityUtf8(int index) => Category == LogCategory.Kubernetes
        ? StringUtf8(index == 0 ? RecordField.Username : RecordField.ImpersonatedUsername)
        : StringUtf8(index == 0 ? RecordField.Actor : RecordField.ActorFallback);

    /// <summary>How many identities <see cref="IdentityUtf8"/> offers.</summary>
    public const int IdentityCount = 2;

    /// <summary>Kubernetes <c>objectRef.resource</c> string bytes, or empty.</summary>
    public ReadOnlySpan<byte> ResourceUtf8 => StringUtf8(RecordField.ObjectResource);

    /// <summary>Kubernetes <c>objectRef.subresource</c> string bytes, or empty.</summary>
    public ReadOnlySpan<byte> SubresourceUtf8 => StringUtf8(RecordField.ObjectSubresource);

    public string Id => GetString(Category == LogCategory.Kubernetes ? RecordField.AuditId : RecordField.Id) ?? string.Empty;

    public string? EventCode => GetString(RecordField.EventCode, pooled: true);

    /// <summary>CloudEvents <c>time</c>; Kubernetes <c>stageTimestamp</c>, else <c>requestReceivedTimestamp</c>.</summary>
    public DateTimeOffset? Time => Category == LogCategory.Kubernetes
        ? GetTime(RecordField.StageTimestamp) ?? GetTime(RecordField.RequestReceivedTimestamp)
        : GetTime(RecordField.Time);

    /// <summary>Decodes every known field into an <see cref="AuditRecord"/>.</summary>
    public AuditRecord ToAuditRecord() => Decode();

    /// <summary>
    /// Who acted: the configured actor path, else its fallback (the e-mail). Kubernetes: the impersonated user
    /// (<c>impersonatedUser.username</c>) when the request was impersonated, as that is whose rights it used, else
    /// <c>user.username</c>. Shared strings.
    /// </summary>
    public string? Actor => GetString(ActorField, pooled: true);

    /// <summary>The configured e-mail path (<see cref="RecordFieldPaths.ActorFallback"/>), wherever present; null for Kubernetes.</summary>
    public string? Email => Category == LogCategory.Kubernetes ? null : GetString(RecordField.ActorFallback, pooled: true);

    /// <summary>Kubernetes: whether the request was impersonated (it has <c>impersonatedUser.username</c>).</summary>
    public bool IsImpersonated => Category == LogCategory.Kubernetes && TypeOf(RecordField.ImpersonatedUsername) == JsonTokenType.String;

    /// <summary>Kubernetes, impersonated requests only: the authenticated <c>user.username</c> that acted as <see cref="Actor"/>.</summary>
    public string? AuthenticatedUser => IsImpersonated
        ? GetString(RecordField.Username, pooled: true)
        : null;

    /// <summary>Where the actor is: the configured path when it holds a string, else its fallback; Kubernetes, the impersonated user, else <c>user.username</c>.</summary>
    private RecordField ActorField => Category == LogCategory.Kubernetes
        ? TypeOf(RecordField.ImpersonatedUsername) == JsonTokenType.String ? RecordField.ImpersonatedUsername : RecordField.Username
        : TypeOf(RecordField.Actor) == JsonTokenType.String ? RecordField.Actor : RecordField.ActorFallback;

    /// <summary>From where (Kubernetes: the first of <c>sourceIPs</c>).</summary>
    public string? SourceIp => Category == LogCategory.Kubernetes ? FirstArrayString(RecordField.SourceIps) : GetString(RecordField.SourceIp, pooled: true);

    /// <summary>Whether <see cref="SourceIp"/> is there, without decoding it (most IPs are new strings).</summary>
    public bool HasSourceIp => Category == LogCategory.Kubernetes
        ? TypeOf(RecordField.SourceIps) == JsonTokenType.StartArray && Raw(RecordField.SourceIps)[1..].TrimStart(" \t\r\n"u8) is [(byte)'"', ..]
        : TypeOf(RecordField.SourceIp) == JsonTokenType.String;

    /// <summary>The configured outcome; for Kubernetes, derived from the response code (below 400 is a success).</summary>
    public string? Outcome => Category == LogCategory.Kubernetes
        ? ResponseCode is { } code ? code < 400 ? "success" : "failure" : null
        : GetString(RecordField.Outcome, pooled: true);

    /// <summary>Kubernetes <c>responseStatus.code</c>.</summary>
    public int? ResponseCode => Category == LogCategory.Kubernetes ? GetInt(RecordField.ResponseCode) : null;

    /// <summary>Kubernetes <c>stage</c> (RequestReceived, ResponseStarted, ResponseComplete, Panic).</summary>
    public string? Stage => Category == LogCategory.Kubernetes ? GetString(RecordField.Stage, pooled: true) : null;

    /// <summary>Kubernetes <c>verb</c>.</summary>
    public string? Verb => Category == LogCategory.Kubernetes ? GetString(RecordField.Verb, pooled: true) : null;

    /// <summary>Kubernetes <c>objectRef.resource</c>.</summary>
    public string? Resource => Category == LogCategory.Kubernetes ? GetString(RecordField.ObjectResource, pooled: true) : null;

    /// <summary>Kubernetes <c>objectRef.subresource</c>.</summary>
    public string? Subresource => Category == LogCategory.Kubernetes ? GetString(RecordField.ObjectSubresource, pooled: true) : null;

    private AuditRecord Decode()
    {
        if (Category == LogCategory.Kubernetes)
        {
            return new AuditRecord
            {
                Category = Category,
                Id = Id,
                Time = Time,
                Actor = Actor,
                AuthenticatedUser = AuthenticatedUser,
                SourceIp = SourceIp,
                UserAgent = GetString(RecordField.K8sUserAgent, pooled: true),
                Outcome = Outcome,
                Stage = Stage,
                Verb = Verb,
                RequestUri = GetString(RecordField.RequestUri),
                Resource = Resource,
                Subresource = Subresource,
                Namespace = GetString(RecordField.ObjectNamespace, pooled: true),
                Name = GetString(RecordField.ObjectName),
                ResponseCode = ResponseCode,
            };
        }

        return new AuditRecord
        {
            Category = Category,
            Id = Id,
            Time = Time,
            Type = GetString(RecordField.Type, pooled: true),
            Source = GetString(RecordField.Source, pooled: true),
            EventCode = EventCode,
            Actor = Actor,
            Email = Email,
            SourceIp = SourceIp,
            UserAgent = GetString(RecordField.UserAgent, pooled: true),
            Outcome = Outcome,
            EntityId = GetScalarText(RecordField.EntityId),
            EntityType = GetString(RecordField.EntityType, pooled: true),
        };
    }

    internal bool Has(RecordField field) => _parser.SlotLength(field) >= 0;

    internal JsonTokenType TypeOf(RecordField field) => Has(field) ? _parser.SlotType(field) : JsonTokenType.None;

    internal int SlotLength(RecordField field) => _parser.SlotLength(field);

    internal string? GetString(RecordField field) => GetString(field, pooled: false);

    /// <param name="field">The field; null unless it holds a string.</param>
    /// <param name="pooled">
    /// For values that repeat from record to record (actors, IPs, codes, verbs): one shared string per value
    /// instead of one per record, which is most of what a scan over millions of records would allocate.
    /// </param>
    private string? GetString(RecordField field, bool pooled)
    {
        if (TypeOf(field) != JsonTokenType.String)
        {
            return null;
        }

        // The parser has checked the line is UTF-8 and the string has no raw control characters, so without escapes
        // the bytes between the quotes are the value; only escaped strings need the JSON reader to decode them.
        var inner = Inner(field);
        if (inner.IndexOf((byte)'\\') >= 0)
        {
            return Token(field).GetString();
        }

        return pooled ? _parser.Strings.Get(inner) : Encoding.UTF8.GetString(inner);
    }

    /// <summary>A string as is, or a number's text (entity ids may be numeric).</summary>
    internal string? GetScalarText(RecordField field) => TypeOf(field) switch
    {
        JsonTokenType.String => GetString(field),
        JsonTokenType.Number => Encoding.UTF8.GetString(Raw(field)),
        _ => null,
    };

    internal DateTimeOffset? GetTime(RecordField field)
    {
        if (TypeOf(field) != JsonTokenType.String)
        {
            return null;
        }

        // RFC 3339 (CloudEvents time, Kubernetes MicroTime) needs an offset; ISO 8601 forms without one are rejected.
        return _parser.TimeOf(field, Inner(field));
    }

    internal int? GetInt(RecordField field)
    {
        if (TypeOf(field) != JsonTokenType.Number)
        {
            return null;
        }

        var reader = Token(field);
        return reader.TryGetInt32(out var value) ? value : null;
    }

    internal bool StringEquals(RecordField field, ReadOnlySpan<byte> expected)
    {
        if (TypeOf(field) != JsonTokenType.String)
        {
            return false;
        }

        var inner = Inner(field);
        return inner.IndexOf((byte)'\\') < 0 ? inner.SequenceEqual(expected) : Token(field).ValueTextEquals(expected);
    }

    private string? FirstArrayString(RecordField field)
    {
        if (TypeOf(field) != JsonTokenType.StartArray)
        {
            return null;
        }

        var reader = new Utf8JsonReader(Raw(field));
        reader.Read();
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        return reader.ValueIsEscaped ? reader.GetString() : _parser.Strings.Get(reader.ValueSpan);
    }

    private ReadOnlySpan<byte> Raw(RecordField field) => _line.Slice(_parser.SlotStart(field), _parser.SlotLength(field));

    private ReadOnlySpan<byte> Inner(RecordField field) => Has(field) ? Raw(field)[1..^1] : default;

    /// <summary>A string field's bytes between the quotes (JSON escapes undecoded), or empty when it is not a string.</summary>
    internal ReadOnlySpan<byte> StringUtf8(RecordField field) => TypeOf(field) == JsonTokenType.String ? Inner(field) : default;

    private Utf8JsonReader Token(RecordField field)
    {
        var reader = new Utf8JsonReader(Raw(field));
        reader.Read();
        return reader;
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Records;

/// <summary>
/// Parses one JSON Lines record with <see cref="Utf8JsonReader"/>, capturing only the attributes it knows
/// (positions into the line, no strings) and skipping the rest unread. Strict about what is documented —
/// CloudEvents 1.0 required attributes and <c>data.eventcode</c> for config and sign-in files, the required
/// attributes of a Kubernetes <c>audit.k8s.io/v1</c> Event for LKE files — and tolerant of any other field.
/// Not thread-safe (it reuses its capture slots); create one per worker. Construction is cheap.
/// </summary>
public sealed partial class RecordParser
{
    private readonly (RecordField Field, string Path)[] _cloudEventPaths;
    private readonly (RecordField Field, string Path)[] _kubernetesPaths;
    private readonly FieldTrie _cloudEvents;
    private readonly FieldTrie _kubernetes;
    private readonly int _maxDepth;
    private readonly FieldTrie?[] _stack;
    private readonly Frame[] _frames;
    private readonly int[] _start = new int[(int)RecordField.Count];
    private readonly int[] _length = new int[(int)RecordField.Count];
    private readonly JsonTokenType[] _type = new JsonTokenType[(int)RecordField.Count];
    private readonly int[] _visited;
    private int _visit;
    private FieldTrie? _repeated;
    private RecordField _timeField = RecordField.Count;
    private DateTimeOffset? _time;

    /// <param name="paths">Where the configured <c>data</c> fields are.</param>
    /// <param name="maxDepth">The deepest JSON nesting accepted (<see cref="Reading.ReadLimits.MaxJsonDepth"/>).</param>
    public RecordParser(RecordFieldPaths? paths = null, int maxDepth = Reading.ReadLimits.DefaultMaxJsonDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, Reading.ReadLimits.MaxConfigurableJsonDepth);
        _maxDepth = maxDepth;
        _stack = new FieldTrie?[maxDepth + 1];
        _frames = new Frame[maxDepth + 1];
        Paths = paths ?? new RecordFieldPaths();
        _cloudEventPaths =
        [
            (RecordField.SpecVersion, "specversion"),
            (RecordField.Id, "id"),
            (RecordField.Source, "source"),
            (RecordField.Type, "type"),
            (RecordField.Time, "time"),
            (RecordField.EventCode, Paths.EventCode),
            (RecordField.Actor, Paths.Actor),
            (RecordField.ActorFallback, Paths.ActorFallback),
            (RecordField.SourceIp, Paths.SourceIp),
            (RecordField.UserAgent, Paths.UserAgent),
            (RecordField.Outcome, Paths.Outcome),
            (RecordField.EntityId, Paths.EntityId),
            (RecordField.EntityType, Paths.EntityType),
        ];
        _kubernetesPaths =
        [
            (RecordField.Kind, "kind"),
            (RecordField.ApiVersion, "apiVersion"),
            (RecordField.Level, "level"),
            (RecordField.AuditId, "auditID"),
            (RecordField.Stage, "stage"),
            (RecordField.RequestUri, "requestURI"),
            (RecordField.Verb, "verb"),
            (RecordField.User, "user"),
            (RecordField.Username, "user.username"),
            (RecordField.ImpersonatedUsername, "impersonatedUser.username"),
            (RecordField.SourceIps, "sourceIPs"),
            (RecordField.K8sUserAgent, "userAgent"),
            (RecordField.ObjectResource, "objectRef.resource"),
            (RecordField.ObjectNamespace, "objectRef.namespace"),
            (RecordField.ObjectName, "objectRef.name"),
            (RecordField.ObjectSubresource, "objectRef.subresource"),
            (RecordField.ResponseCode, "responseStatus.code"),
            (RecordField.RequestReceivedTimestamp, "requestReceivedTimestamp"),
            (RecordField.StageTimestamp, "stageTimestamp"),
        ];
        _cloudEvents = FieldTrie.Build(_cloudEventPaths);
        _kubernetes = FieldTrie.Build(_kubernetesPaths);
        _visited = new int[Math.Max(_cloudEvents.NodeCount, _kubernetes.NodeCount)];
    }

    public RecordFieldPaths Paths { get; }

    /// <summary>Shared strings for the values records repeat; per parser, as a parser belongs to one reading thread.</summary>
    internal Utf8StringPool Strings { get; } = new();

    /// <summary>
    /// Parses and validates one line. On success <paramref name="record"/> views the line (valid only while the
    /// line's buffer is); on failure <paramref name="error"/> says what is wrong, for a <c>malformed_record</c> finding.
    /// </summary>
    public bool TryParse(ReadOnlySpan<byte> line, LogCategory category, out ParsedRecord record, out string? error)
    {
        record = default;
        var root = category == LogCategory.Kubernetes ? _kubernetes : _cloudEvents;
        _timeField = RecordField.Count;
        ClearCaptures();
        error = null;

        // The vectorized scan sees every byte, so it says whether the line is all ASCII (then valid UTF-8); only a
        // line with other bytes, or one it declines, takes the full UTF-8 check. Invalid UTF-8 is named first either way.
        var ascii = false;
        var indexed = FirstScan == RecordScan.Indexed && TryIndexedScan(line, root, out ascii);
        if (!(indexed && ascii) && !Utf8.IsValid(line))
        {
            error = "not valid UTF-8";
            return false;
        }

        LastScan = RecordScan.Indexed;
        if (!indexed && !(FirstScan <= RecordScan.PerToken && TryFastScanAfresh(line, root)))
        {
            LastScan = RecordScan.Reader;
            ClearCaptures();
            try
            {
                error = Scan(line, root);
            }
            catch (JsonException ex)
            {
                // System.Text.Json says "The maximum configured depth of N has been exceeded" (or "… maximum allowed depth …").
                error = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal) || ex.Message.Contains("maximum allowed depth", StringComparison.Ordinal)
                    ? $"nested deeper than {_maxDepth} levels (the limit is the MaxJsonDepth setting)"
                    : $"not valid JSON: {Shorten(ex.Message)}";
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json refuses to unescape a property name that holds half a UTF-16 surrogate pair.
                error = UnpairedSurrogate;
            }
        }

        if (error is not null)
        {
            return false;
        }

        record = new ParsedRecord(line, category, this);
        error = category == LogCategory.Kubernetes ? ValidateKubernetes(record) : ValidateCloudEvent(record, category);
        return error is null;
    }

    /// <summary>Parses a line into an <see cref="AuditRecord"/> (allocating its strings), or returns null with the reason.</summary>
    public AuditRecord? Parse(ReadOnlySpan<byte> line, LogCategory category, out string? error) =>
        TryParse(line, category, out var view, out error) ? view.ToAuditRecord() : null;

    /// <summary>The dotted paths captured for a category (tests compare them with System.Text.Json's view of the line).</summary>
    internal IReadOnlyList<(RecordField Field, string Path)> TrackedPaths(LogCategory category) =>
        category == LogCategory.Kubernetes ? _kubernetesPaths : _cloudEventPaths;

    /// <summary>Which scan decided the last line (tests check that each path agrees with the others).</summary>
    internal RecordScan LastScan { get; private set; }

    internal int SlotStart(RecordField field) => _start[(int)field];

    /// <summary>Parses a timestamp field once per line: validation and the partition check both need it.</summary>
    internal DateTimeOffset? TimeOf(RecordField field, ReadOnlySpan<byte> text)
    {
        if (_timeField != field)
        {
            _timeField = field;
            _time = Rfc3339.TryParse(text, out var value) ? value : null;
        }

        return _time;
    }

    internal int SlotLength(RecordField field) => _length[(int)field];

    internal JsonTokenType SlotType(RecordField field) => _type[(int)field];

    private string? Scan(ReadOnlySpan<byte> line, FieldTrie root)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = _maxDepth });
        if (!reader.Read())
        {
            return "an empty line";
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"not a JSON object (it is {Describe(reader.TokenType)})";
        }

        var depth = 0;
        _stack[0] = root;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (--depth < 0)
                {
                    break;
                }

                continue;
            }

            // Only tracked objects are entered, and their arrays are skipped whole, so this is a property name.
            var node = _stack[depth]!.Find(ref reader);
            reader.Read();
            var token = reader.TokenType;
            if (node is null)
            {
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                continue;
            }

            var start = (int)reader.TokenStartIndex;
            if (token == JsonTokenType.StartObject && node.HasChildren)
            {
                if (!Capture(node, start, 0, token))
                {
                    return RepeatedName();
                }

                _stack[++depth] = node;
                continue;
            }

            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            else if (token == JsonTokenType.String && reader.ValueIsEscaped && !IsDecodable(ref reader))
            {
                // Checked here, once, so that every later GetString of a kept field can decode it.
                return UnpairedSurrogate;
            }

            if (!Capture(node, start, (int)reader.BytesConsumed - start, token))
            {
                return RepeatedName();
            }
        }

        // Anything after the object (a second value, garbage) makes Read throw; whitespace is fine.
        while (reader.Read())
        {
        }

        return null;
    }

    private static bool IsDecodable(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Forgets the last line's captures and visits (before each scan of a line).</summary>
    private void ClearCaptures()
    {
        Array.Fill(_length, -1);
        if (++_visit == int.MaxValue)
        {
            Array.Clear(_visited);
            _visit = 1;
        }
    }

    /// <summary>
    /// Records a tracked value's position, or returns false when the line already had a value at this path: a name
    /// repeated in one object, which JSON leaves to each reader to resolve (RFC 8259 §4: "names within an object
    /// SHOULD be unique"; System.Text.Json's JsonDocument keeps the last, a scan would merge two copies of an
    /// object). Which copy is the evidence is then undecidable, so the line is malformed rather than read one way.
    /// Arrays are never entered, so a tracked path is visited at most once in any other line.
    /// </summary>
    private bool Capture(FieldTrie node, int start, int length, JsonTokenType type)
    {
        if (_visited[node.Ordinal] == _visit)
        {
            _repeated = node;
            return false;
        }

        _visited[node.Ordinal] = _visit;
        foreach (var field in node.Captures)
        {
            _start[(int)field] = start;
            _length[(int)field] = length;
            _type[(int)field] = type;
        }

        return true;
    }

    private string RepeatedName() =>
        $"the name \"{_repeated?.Path}\" appears twice, so which value counts is ambiguous (JSON names should be unique, RFC 8259 §4)";

    private string? ValidateCloudEvent(in ParsedRecord record, LogCategory category)
    {
        if (RequireString(record, RecordField.SpecVersion, "specversion") is { } e1)
        {
            return e1;
        }

        if (!record.StringEquals(RecordField.SpecVersion, "1.0"u8))
        {
            return WrongSpecVersion(record);
        }

        var error = RequireString(record, RecordField.Id, "id")
            ?? RequireString(record, RecordField.Source, "source")
            ?? RequireString(record, RecordField.Type, "type")
            ?? OptionalTime(record, RecordField.Time, "time");
        if (error is not null)
        {
            return error;
        }

        return category is LogCategory.Config or LogCategory.Login && Paths.EventCode.Length > 0
            ? RequireString(record, RecordField.EventCode, Paths.EventCode)
            : null;
    }

    private static string? ValidateKubernetes(in ParsedRecord record)
    {
        var error = RequireString(record, RecordField.Kind, "kind") ?? RequireString(record, RecordField.ApiVersion, "apiVersion");
        if (error is not null)
        {
            return error;
        }

        if (!record.StringEquals(RecordField.Kind, "Event"u8) || !record.StringEquals(RecordField.ApiVersion, "audit.k8s.io/v1"u8))
        {
            return WrongKind(record);
        }

        error = RequireString(record, RecordField.AuditId, "auditID")
            ?? RequireString(record, RecordField.Level, "level")
            ?? RequireString(record, RecordField.Stage, "stage")
            ?? RequireString(record, RecordField.RequestUri, "requestURI")
            ?? RequireString(record, RecordField.Verb, "verb")
            ?? OptionalTime(record, RecordField.RequestReceivedTimestamp, "requestReceivedTimestamp")
            ?? OptionalTime(record, RecordField.StageTimestamp, "stageTimestamp");
        if (error is not null)
        {
            return error;
        }

        // The audit.k8s.io/v1 reference marks neither timestamp as required; the Event needs one to be placed in time.
        if (record.TypeOf(RecordField.RequestReceivedTimestamp) != JsonTokenType.String && record.TypeOf(RecordField.StageTimestamp) != JsonTokenType.String)
        {
            return "misses both requestReceivedTimestamp and stageTimestamp (one is needed)";
        }

        return record.Has(RecordField.User) && record.TypeOf(RecordField.User) == JsonTokenType.StartObject ? null : WrongUser(record);
    }

    // The messages below are built apart from the checks that run on every record, so that those hold no
    // interpolation buffer in their frames to clear on each call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string WrongSpecVersion(in ParsedRecord record) =>
        $"specversion is \"{record.GetString(RecordField.SpecVersion)}\", expected \"1.0\" (CloudEvents 1.0)";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string WrongKind(in ParsedRecord record) =>
        $"kind/apiVersion is {record.GetString(RecordField.Kind)}/{record.GetString(RecordField.ApiVersion)}, expected Event/audit.k8s.io/v1";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string WrongUser(in ParsedRecord record) =>
        record.Has(RecordField.User) ? $"user must be an object, found {Describe(record.TypeOf(RecordField.User))}" : "misses required attribute user";

    private static string? RequireString(in ParsedRecord record, RecordField field, string name) =>
        record.TypeOf(field) == JsonTokenType.String && record.SlotLength(field) > 2 ? null : MissingString(record, field, name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string MissingString(in ParsedRecord record, RecordField field, string name)
    {
        if (!record.Has(field))
        {
            return $"misses required attribute {name}";
        }

        if (record.TypeOf(field) != JsonTokenType.String)
        {
            return $"{name} must be a string, found {Describe(record.TypeOf(field))}";
        }

        return $"{name} is empty";
    }

    /// <remarks>An optional attribute set to <c>null</c> is absent (CloudEvents JSON format §3.1; Kubernetes omits empty times).</remarks>
    private static string? OptionalTime(in ParsedRecord record, RecordField field, string name) => record.TypeOf(field) switch
    {
        JsonTokenType.None or JsonTokenType.Null => null,
        JsonTokenType.String when record.GetTime(field) is not null => null,
        _ => WrongTime(record, field, name),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string WrongTime(in ParsedRecord record, RecordField field, string name) => record.TypeOf(field) != JsonTokenType.String
        ? $"{name} must be an RFC 3339 timestamp string, found {Describe(record.TypeOf(field))}"
        : $"{name} \"{record.GetString(field)}\" is not an RFC 3339 timestamp";

    internal static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    /// <summary>
    /// A <c>\uD800</c>–<c>\uDFFF</c> escape without its other half: RFC 8259 §8.2 lets the grammar accept it but the
    /// text it spells is not Unicode, so the record cannot be decoded (found by fuzzing the parser).
    /// </summary>
    private const string UnpairedSurrogate = "not valid JSON: a \\u escape is half of a UTF-16 surrogate pair (RFC 8259 §8.2)";

    private static string Shorten(string message)
    {
        // Utf8JsonReader messages end with "LineNumber: 0 | BytePositionInLine: 12."; the byte position is the useful part.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var at = message.IndexOf("BytePositionInLine: ", StringComparison.Ordinal);
        return cut < 0 ? message : $"{message[..cut].TrimEnd('.', ' ')} (at byte {message[(at + 20)..].TrimEnd('.')})";
    }
}

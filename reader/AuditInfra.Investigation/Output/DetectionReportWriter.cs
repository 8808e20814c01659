using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AuditInfra.Investigation.Detections;
using AuditInfra.Reader.Reporting;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// Prints detections: one JSON document <c>{"detections": [...]}</c> for scripts, written element by element as the
/// engine hands them on (so none are held), or text for people, ranked: a summary per rule and severity first (most
/// severe first, with how many detections and records each), then the detections, most severe first and by time.
/// Text holds the detections until the end to rank them (each with at most <c>MaxEvidence</c> evidence lines).
/// Detections below <c>minimum</c> severity are left out of both (and not counted). Both go out as UTF-8 bytes;
/// text values are escaped for the terminal (<see cref="DisplayText"/>).
/// </summary>
public sealed class DetectionReportWriter
{
    private readonly Stream _output;
    // Null for JSON, which is written as UTF-8 bytes without a writer.
    private readonly StreamWriter? _text;

    // Detections are written as UTF-8 into one reused buffer and handed to the output stream in blocks of about
    // 64 KiB: tens of thousands of detections with hundreds of thousands of evidence lines cost neither a JSON tree
    // nor a string per detection, nor a write each, nor a round trip through UTF-16 and a TextWriter's encoder.
    private const int FlushBytes = 64 * 1024;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private Utf8JsonWriter? _writer;
    private const int EncodedSlots = 1024;
    private readonly string?[] _encodedKeys = new string?[EncodedSlots];
    private readonly JsonEncodedText[] _encodedValues = new JsonEncodedText[EncodedSlots];
    private byte[] _evidence = new byte[512];

    private readonly Severity _minimum;
    private readonly List<Detection> _held = [];

    /// <param name="output">Where the report goes; left open.</param>
    /// <param name="json">JSON for scripts, else text for people.</param>
    /// <param name="minimum">The least severity printed (<c>--min-severity</c>).</param>
    public DetectionReportWriter(Stream output, bool json, Severity minimum = Severity.Low)
    {
        _output = output;
        _minimum = minimum;
        _text = json ? null : new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FlushBytes, leaveOpen: true);
    }

    /// <summary>Detections printed (at or above the minimum severity).</summary>
    public long Count { get; private set; }

    public void Write(Detection d)
    {
        if (d.Severity < _minimum)
        {
            return;
        }

        if (_text is null)
        {
            _buffer.Write(Count == 0 ? "{\"detections\": [\n  "u8 : ",\n  "u8);
            WriteJson(d);
            if (_buffer.WrittenCount >= FlushBytes)
            {
                FlushJson();
            }
        }
        else
        {
            _held.Add(d);
        }

        Count++;
    }

    /// <summary>Closes the report. <paramref name="readNothing"/>: no object was read, so the text report claims no all-clear.</summary>
    public void Complete(bool readNothing = false)
    {
        if (_text is null)
        {
            _buffer.Write(Count == 0 ? "{\"detections\": []}\n"u8 : "\n]}\n"u8);
            FlushJson();
        }
        else
        {
            WriteRanked(_text, _held);
            _text.WriteLine(Count > 0 ? $"{Count} detection(s)" : readNothing ? "nothing read: no delivery objects in range (see stderr)" : "no detections");
            _text.Flush();
        }

        _output.Flush();
    }

    private void WriteJson(Detection d)
    {
        // One writer for the run (Reset per detection) and property names encoded once: hundreds of thousands of
        // evidence objects would otherwise re-encode every name and allocate a writer per detection.
        var w = _writer ??= new Utf8JsonWriter(_buffer);
        w.Reset(_buffer);
        w.WriteStartObject();
        w.WriteString(Names.Rule, d.Rule);
        w.WriteString(Names.Severity, SeverityText(d.Severity));
        w.WriteString(Names.Summary, d.Summary);
        w.WriteString(Names.Actor, d.Actor);
        w.WriteString(Names.Ip, d.Ip);
        UtcTimeText.WriteString(w, Names.First, d.First);
        UtcTimeText.WriteString(w, Names.Last, d.Last);
        w.WriteNumber(Names.Count, d.Count);
        w.WriteStartArray(Names.Evidence);
        foreach (var e in d.Evidence)
        {
            WriteEvidence(w, e);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>
    /// Object keys and codes repeat across the evidence of a run (an object holds many records, a code many
    /// events) as the same string instances: each is transcoded and escape-checked once, then copied. Slots are
    /// found by identity, which costs no hashing of a long key; the table is fixed, so a year of objects cannot grow it.
    /// </summary>
    private JsonEncodedText Encoded(string value)
    {
        var slot = RuntimeHelpers.GetHashCode(value) & (EncodedSlots - 1);
        if (!ReferenceEquals(_encodedKeys[slot], value))
        {
            _encodedValues[slot] = JsonEncodedText.Encode(value);
            _encodedKeys[slot] = value;
        }

        return _encodedValues[slot];
    }

    private static string SeverityText(Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => severity.ToString().ToLowerInvariant(),
    };

    private void FlushJson()
    {
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    /// <summary>
    /// One evidence object as the writer would print it (minimized), assembled from parts that need no escaping
    /// or are already escaped: an evidence line costs one copy instead of a dozen validated writer calls. An id
    /// held as a string (not a lowercase UUID) may need escaping, and is escaped as the writer would.
    /// </summary>
    private void WriteEvidence(Utf8JsonWriter w, in Evidence e)
    {
        var key = Encoded(e.Object).EncodedUtf8Bytes;
        var code = e.Operation is null ? "null"u8 : Encoded(e.Operation).EncodedUtf8Bytes;
        Span<byte> packedId = stackalloc byte[36];
        var id = e.RecordId.TryFormatUtf8(packedId, out var idLength)
            ? packedId[..idLength]
            : JsonEncodedText.Encode(e.RecordId.ToString()).EncodedUtf8Bytes;
        var needed = key.Length + code.Length + id.Length + 128;
        if (_evidence.Length < needed)
        {
            _evidence = new byte[needed * 2];
        }

        var into = _evidence.AsSpan();
        var at = 0;
        void Put(ReadOnlySpan<byte> part, Span<byte> into)
        {
            part.CopyTo(into[at..]);
            at += part.Length;
        }

        Put("{\"object\":\""u8, into);
        Put(key, into);
        Put("\",\"line\":"u8, into);
        e.Line.TryFormat(into[at..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        at += digits;
        Put(",\"time\":\""u8, into);
        at += UtcTimeText.Write(into.Slice(at, UtcTimeText.MaxLength), e.Time);
        Put(e.Operation is null ? "\",\"code\":"u8 : "\",\"code\":\""u8, into);
        Put(code, into);
        Put(e.Operation is null ? ",\"id\":\""u8 : "\",\"id\":\""u8, into);
        Put(id, into);
        Put("\"}"u8, into);
        w.WriteRawValue(into[..at], skipInputValidation: true);
    }

    /// <summary>The JSON property names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText Actor = JsonEncodedText.Encode("actor");
        public static readonly JsonEncodedText Ip = JsonEncodedText.Encode("ip");
        public static readonly JsonEncodedText First = JsonEncodedText.Encode("first");
        public static readonly JsonEncodedText Last = JsonEncodedText.Encode("last");
        public static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
        public static readonly JsonEncodedText Evidence = JsonEncodedText.Encode("evidence");
    }

    /// <summary>Parses <c>--min-severity</c>: low, medium, high or critical.</summary>
    public static Severity ParseSeverity(string text) => text.Trim().ToLowerInvariant() switch
    {
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => throw new InvestigationException($"--min-severity '{text}' is not one of: low, medium, high, critical"),
    };

    private static void WriteRanked(StreamWriter text, List<Detection> detections)
    {
        if (detections.Count == 0)
        {
            return;
        }

        var summary = detections.GroupBy(d => (d.Severity, d.Rule))
            .Select(g => (g.Key.Severity, g.Key.Rule, Detections: g.Count(), Records: g.Sum(d => d.Count), Single: g.Count(d => d.Count == 1)))
            .OrderByDescending(r => r.Severity).ThenByDescending(r => r.Detections).ThenBy(r => r.Rule, StringComparer.Ordinal);
        text.WriteLine($"{"SEVERITY",-8} {"RULE",-24} {"DETECTIONS",10} {"RECORDS",10} {"OF 1 RECORD",11}");
        foreach (var row in summary)
        {
            text.WriteLine($"{SeverityText(row.Severity).ToUpperInvariant(),-8} {row.Rule,-24} {row.Detections,10} {row.Records,10} {row.Single,11}");
        }

        text.WriteLine();
        foreach (var d in DetectionEngine.Sorted(detections))
        {
            WriteText(text, d);
        }
    }

    private static void WriteText(StreamWriter text, Detection d)
    {
        text.WriteLine($"{d.Severity.ToString().ToUpperInvariant(),-8} {d.Rule}  {DisplayText.Escape(d.Summary)}");
        text.WriteLine($"         actor {DisplayText.Escape(d.Actor ?? "-")}  ip {DisplayText.Escape(d.Ip ?? "-")}  count {d.Count}  first {RecordFields.FormatTime(d.First)}  last {RecordFields.FormatTime(d.Last)}");
        foreach (var e in d.Evidence)
        {
            text.WriteLine($"         {DisplayText.Escape(e.Object)}:{e.Line}  {RecordFields.FormatTime(e.Time)}  {DisplayText.EscapeOrNull(e.Operation)}");
        }

        if (d.Count > d.Evidence.Count)
        {
            text.WriteLine($"         … and {d.Count - d.Evidence.Count} more");
        }
    }
}

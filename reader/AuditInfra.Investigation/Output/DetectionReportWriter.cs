using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AuditInfra.Investigation.Detections;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// Prints detections as the engine hands them on (so none are held): text for people, or one JSON document
/// <c>{"detections": [...]}</c> written element by element for scripts. Both go to the output as UTF-8 bytes.
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

    /// <param name="output">Where the report goes; left open.</param>
    /// <param name="json">JSON for scripts, else text for people.</param>
    public DetectionReportWriter(Stream output, bool json)
    {
        _output = output;
        _text = json ? null : new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FlushBytes, leaveOpen: true);
    }

    public long Count { get; private set; }

    public void Write(Detection d)
    {
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
            WriteText(_text, d);
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
        UtcTimeText.Write(into.Slice(at, UtcTimeText.Length), e.Time);
        at += UtcTimeText.Length;
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

    private static void WriteText(StreamWriter text, Detection d)
    {
        text.WriteLine($"{d.Severity.ToString().ToUpperInvariant(),-8} {d.Rule}  {d.Summary}");
        text.WriteLine($"         actor {d.Actor ?? "-"}  ip {d.Ip ?? "-"}  count {d.Count}  first {RecordFields.FormatTime(d.First)}  last {RecordFields.FormatTime(d.Last)}");
        foreach (var e in d.Evidence)
        {
            text.WriteLine($"         {e.Object}:{e.Line}  {RecordFields.FormatTime(e.Time)}  {e.Operation}");
        }

        if (d.Count > d.Evidence.Count)
        {
            text.WriteLine($"         … and {d.Count - d.Evidence.Count} more");
        }
    }
}

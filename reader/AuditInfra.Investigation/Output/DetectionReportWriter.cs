using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditInfra.Investigation.Detections;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// Prints detections as the engine hands them on (so none are held): text for people, or one JSON document
/// <c>{"detections": [...]}</c> written element by element for scripts.
/// </summary>
public sealed class DetectionReportWriter
{
    private readonly TextWriter _output;
    private readonly bool _json;

    // Detections are written as UTF-8 into one reused buffer and handed to the output in blocks of about 64 KiB:
    // tens of thousands of detections with hundreds of thousands of evidence lines cost neither a JSON tree nor a
    // string per detection, nor a write to the console each.
    private const int FlushBytes = 64 * 1024;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private char[] _chars = new char[FlushBytes * 2];
    private Utf8JsonWriter? _writer;

    public DetectionReportWriter(TextWriter output, bool json)
    {
        _output = output;
        _json = json;
    }

    public long Count { get; private set; }

    public void Write(Detection d)
    {
        if (_json)
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
            WriteText(d);
        }

        Count++;
    }

    public void Complete()
    {
        if (_json)
        {
            FlushJson();
            _output.WriteLine(Count == 0 ? "{\"detections\": []}" : "\n]}");
        }
        else
        {
            _output.WriteLine(Count == 0 ? "no detections" : $"{Count} detection(s)");
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
        WriteTime(w, Names.First, d.First);
        WriteTime(w, Names.Last, d.Last);
        w.WriteNumber(Names.Count, d.Count);
        w.WriteStartArray(Names.Evidence);
        foreach (var e in d.Evidence)
        {
            w.WriteStartObject();
            w.WriteString(Names.Object, e.Object);
            w.WriteNumber(Names.Line, e.Line);
            WriteTime(w, Names.Time, e.Time);
            w.WriteString(Names.Code, e.Operation);
            w.WriteString(Names.Id, e.Id);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
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
        var bytes = _buffer.WrittenSpan;
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[bytes.Length * 2];
        }

        _output.Write(_chars, 0, Encoding.UTF8.GetChars(bytes, _chars));
        _buffer.ResetWrittenCount();
    }

    private static void WriteTime(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset time)
    {
        // The same text as RecordFields.FormatTime (yyyy-MM-ddTHH:mm:ss.fffZ, milliseconds truncated), written as
        // digits into a stack buffer: a custom format string is parsed again on every call.
        var t = time.UtcDateTime;
        Span<byte> text = stackalloc byte[24];
        Digits(text[..4], t.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), t.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), t.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), t.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), t.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), t.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), t.Millisecond);
        text[23] = (byte)'Z';
        w.WriteString(name, text);
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
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
        public static readonly JsonEncodedText Object = JsonEncodedText.Encode("object");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    }

    private void WriteText(Detection d)
    {
        _output.WriteLine($"{d.Severity.ToString().ToUpperInvariant(),-8} {d.Rule}  {d.Summary}");
        _output.WriteLine($"         actor {d.Actor ?? "-"}  ip {d.Ip ?? "-"}  count {d.Count}  first {RecordFields.FormatTime(d.First)}  last {RecordFields.FormatTime(d.Last)}");
        foreach (var e in d.Evidence)
        {
            _output.WriteLine($"         {e.Object}:{e.Line}  {RecordFields.FormatTime(e.Time)}  {e.Operation}");
        }

        if (d.Count > d.Evidence.Count)
        {
            _output.WriteLine($"         … and {d.Count - d.Evidence.Count} more");
        }
    }
}

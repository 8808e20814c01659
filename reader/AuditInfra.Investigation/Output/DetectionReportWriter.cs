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
        using var w = new Utf8JsonWriter(_buffer);
        w.WriteStartObject();
        w.WriteString("rule", d.Rule);
        w.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
        w.WriteString("summary", d.Summary);
        w.WriteString("actor", d.Actor);
        w.WriteString("ip", d.Ip);
        WriteTime(w, "first", d.First);
        WriteTime(w, "last", d.Last);
        w.WriteNumber("count", d.Count);
        w.WriteStartArray("evidence");
        foreach (var e in d.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("object", e.Object);
            w.WriteNumber("line", e.Line);
            WriteTime(w, "time", e.Time);
            w.WriteString("code", e.Operation);
            w.WriteString("id", e.Id);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

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

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset time)
    {
        // The same text as RecordFields.FormatTime, formatted into a stack buffer instead of a new string.
        Span<char> text = stackalloc char[32];
        time.UtcDateTime.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(name, text[..length]);
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

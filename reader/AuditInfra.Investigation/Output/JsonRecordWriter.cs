using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// One JSON object per record, either as JSON Lines (one per line) or as one JSON array written element by
/// element (opened before the first record, closed in <see cref="Complete"/>), so neither holds the result.
/// Fields without a value are left out; <c>line</c> is a number.
/// </summary>
public sealed class JsonRecordWriter : IRecordWriter
{
    // Records are written as UTF-8 into one buffer and handed on in blocks of about 64 KiB. Given a StreamWriter
    // (stdout, a file), the blocks go to its stream as they are: no round trip through UTF-16 and its encoder.
    private const int FlushBytes = 64 * 1024;
    private static readonly JsonEncodedText[] Names = RecordFields.Names.Select(name => JsonEncodedText.Encode(name)).ToArray();

    private readonly TextWriter _output;
    private readonly Stream? _bytes;
    private readonly RecordFields _fields;
    private readonly bool _array;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _json;
    private long _count;
    private readonly string?[] _values = new string?[RecordFields.Names.Count];
    // Per field, the last value written and (once it came twice in a row) its escaped UTF-8: most fields repeat from
    // record to record as the same shared string (stream, account, code, action, actor, e-mail, user agent), and
    // writing pre-escaped bytes skips transcoding and escaping them for every record.
    private readonly string?[] _lastValues = new string?[RecordFields.Names.Count];
    private readonly JsonEncodedText?[] _lastEncoded = new JsonEncodedText?[RecordFields.Names.Count];

    public JsonRecordWriter(TextWriter output, RecordFields fields, bool array)
    {
        _output = output;
        if (output is StreamWriter writer)
        {
            // Whatever was written through the writer before goes out first, so the bytes stay in order.
            writer.Flush();
            _bytes = writer.BaseStream;
        }

        _fields = fields;
        _array = array;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
    }

    public void Write(LocatedRecord record)
    {
        if (_array)
        {
            _buffer.Write(_count == 0 ? "[\n"u8 : ",\n"u8);
        }

        _count++;
        _json.Reset();
        _fields.Fill(record, _values, timeAndLine: false);
        WriteObject(record);
        _json.Flush();
        if (!_array)
        {
            _buffer.Write("\n"u8);
        }

        if (_buffer.WrittenCount >= FlushBytes)
        {
            FlushBuffer();
        }
    }

    public void Dispose() => _json.Dispose();

    public void Complete()
    {
        if (_array)
        {
            _buffer.Write(_count == 0 ? "[]\n"u8 : "\n]\n"u8);
        }

        FlushBuffer();
        if (_bytes is not null)
        {
            _bytes.Flush();
        }
        else
        {
            _output.Flush();
        }
    }

    private void FlushBuffer()
    {
        if (_bytes is not null)
        {
            _bytes.Write(_buffer.WrittenSpan);
        }
        else
        {
            _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        }

        _buffer.ResetWrittenCount();
    }

    private void WriteObject(LocatedRecord record)
    {
        var json = _json;
        var values = _values;
        json.WriteStartObject();
        if (record.Record.Time is { } time)
        {
            UtcTimeText.WriteString(json, Names[RecordFields.TimeIndex], time);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (i == RecordFields.LineIndex)
            {
                json.WriteNumber(Names[i], record.Line);
            }
            else if (values[i] is { } value)
            {
                if (!ReferenceEquals(value, _lastValues[i]))
                {
                    _lastValues[i] = value;
                    _lastEncoded[i] = null;
                    json.WriteString(Names[i], value);
                }
                else
                {
                    // The default encoder, as the writer's (its options set none): the same bytes either way.
                    json.WriteString(Names[i], _lastEncoded[i] ??= JsonEncodedText.Encode(value));
                }
            }
        }

        json.WriteEndObject();
    }
}

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
    private readonly TextWriter _output;
    private readonly RecordFields _fields;
    private readonly bool _array;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private long _count;
    private char[] _chars = new char[2048];

    public JsonRecordWriter(TextWriter output, RecordFields fields, bool array)
    {
        _output = output;
        _fields = fields;
        _array = array;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
    }

    public void Write(LocatedRecord record)
    {
        if (_array)
        {
            _output.Write(_count == 0 ? "[\n" : ",\n");
        }

        _count++;
        _buffer.ResetWrittenCount();
        _json.Reset();
        WriteObject(_json, _fields.Values(record));
        _json.Flush();
        // Straight from the UTF-8 buffer into a reused char buffer: no string per record.
        var bytes = _buffer.WrittenSpan;
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[bytes.Length * 2];
        }

        _output.Write(_chars, 0, Encoding.UTF8.GetChars(bytes, _chars));
        if (!_array)
        {
            _output.Write('\n');
        }
    }

    public void Dispose() => _json.Dispose();

    public void Complete()
    {
        if (_array)
        {
            _output.Write(_count == 0 ? "[]\n" : "\n]\n");
        }

        _output.Flush();
    }

    private static void WriteObject(Utf8JsonWriter json, string?[] values)
    {
        json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } value)
            {
                continue;
            }

            var name = RecordFields.Names[i];
            if (name == "line")
            {
                json.WriteNumber(name, long.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteString(name, value);
            }
        }

        json.WriteEndObject();
    }
}

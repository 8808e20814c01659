using System.Text;
using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// RFC 4180 CSV with a header row. A value starting with <c>= + - @</c> or a tab gets a leading apostrophe, so
/// a spreadsheet never runs a formula an attacker put into a user agent or a name (CSV injection).
/// </summary>
public sealed class CsvRecordWriter : IRecordWriter
{
    private readonly TextWriter _output;
    private readonly RecordFields _fields;
    private readonly StringBuilder _line = new();
    private bool _headerWritten;

    public CsvRecordWriter(TextWriter output, RecordFields fields)
    {
        _output = output;
        _fields = fields;
    }

    public void Write(LocatedRecord record)
    {
        WriteHeader();
        WriteRow(_fields.Values(record));
    }

    public void Dispose()
    {
    }

    public void Complete()
    {
        WriteHeader();
        _output.Flush();
    }

    private void WriteHeader()
    {
        if (!_headerWritten)
        {
            _headerWritten = true;
            WriteRow([.. RecordFields.Names]);
        }
    }

    private void WriteRow(string?[] values)
    {
        _line.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }

            AppendField(values[i] ?? string.Empty);
        }

        _line.Append("\r\n");
        _output.Write(_line);
    }

    private void AppendField(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _line.Append(value);
            return;
        }

        _line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

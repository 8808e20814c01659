using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// Fixed-width columns for a terminal. Widths are fixed rather than measured so rows stream out as they come;
/// long values are cut with '…' (the JSON formats carry them whole).
/// </summary>
public sealed class TableRecordWriter : IRecordWriter
{
    private static readonly (string Header, int Field, int Width)[] Columns =
    [
        ("TIME", 0, 24), ("STREAM", 1, 7), ("CODE", 2, 34), ("ACTION", 3, 7), ("ACTOR", 6, 26),
        ("IP", 7, 15), ("OUTCOME", 8, 7), ("ENTITY", 10, 20),
    ];

    private readonly TextWriter _output;
    private readonly RecordFields _fields;
    private bool _headerWritten;

    public TableRecordWriter(TextWriter output, RecordFields fields)
    {
        _output = output;
        _fields = fields;
    }

    public void Write(LocatedRecord record)
    {
        WriteHeader();
        var values = _fields.Values(record);
        _output.WriteLine(string.Join("  ", Columns.Select(c => Fit(values[c.Field] ?? "-", c.Width))).TrimEnd());
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
            _output.WriteLine(string.Join("  ", Columns.Select(c => c.Header.PadRight(c.Width))).TrimEnd());
        }
    }

    private static string Fit(string value, int width) =>
        value.Length <= width ? value.PadRight(width) : string.Concat(value.AsSpan(0, width - 1), "…");
}

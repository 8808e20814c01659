using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Reporting;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// Fixed-width columns for a terminal. Widths are fixed rather than measured so rows stream out as they come;
/// long values are cut with '…' (the JSON formats carry them whole). Values are escaped for the terminal
/// (<see cref="DisplayText"/>): they come from whoever made the request.
/// </summary>
public sealed class TableRecordWriter : IRecordWriter
{
    private static readonly (string Header, int Field, int Width)[] Columns =
    [
        ("TIME", RecordFields.TimeIndex, 27), ("STREAM", 1, 7), ("CODE", 3, 34), ("ACTION", 4, 7), ("ACTOR", RecordFields.ActorIndex, 30),
        ("IP", 10, 15), ("OUTCOME", 11, 7), ("ENTITY", 13, 24), ("ACCOUNT", 2, 36),
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
        if (values[RecordFields.AuthenticatedUserIndex] is { } authenticated)
        {
            // An impersonated Kubernetes request: who it acted as, and who actually signed in.
            values[RecordFields.ActorIndex] = $"{values[RecordFields.ActorIndex]} via {authenticated}";
        }

        _output.WriteLine(string.Join("  ", Columns.Select(c => Fit(DisplayText.Escape(values[c.Field] ?? "-"), c.Width))).TrimEnd());
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

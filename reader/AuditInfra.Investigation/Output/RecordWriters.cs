namespace AuditInfra.Investigation.Output;

/// <summary>Picks the writer for a format.</summary>
public static class RecordWriters
{
    public static IRecordWriter Create(OutputFormat format, TextWriter output, RecordFields fields) => format switch
    {
        OutputFormat.Table => new TableRecordWriter(output, fields),
        OutputFormat.Csv => new CsvRecordWriter(output, fields),
        OutputFormat.Json => new JsonRecordWriter(output, fields, array: true),
        _ => new JsonRecordWriter(output, fields, array: false),
    };
}

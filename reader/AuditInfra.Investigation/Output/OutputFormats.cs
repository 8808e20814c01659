namespace AuditInfra.Investigation.Output;

/// <summary>The names users type for formats (<c>--format</c>), checked against what a command offers.</summary>
public static class OutputFormats
{
    public static OutputFormat Parse(string text, string flag, params OutputFormat[] allowed)
    {
        OutputFormat? format = text.Trim().ToLowerInvariant() switch
        {
            "table" or "text" => OutputFormat.Table,
            "jsonl" or "json-lines" or "jsonlines" or "ndjson" => OutputFormat.JsonLines,
            "json" => OutputFormat.Json,
            "csv" => OutputFormat.Csv,
            _ => null,
        };
        if (format is not { } f || !allowed.Contains(f))
        {
            throw new InvestigationException($"{flag} '{text}' is not one of: {string.Join(", ", allowed.Select(Name))}");
        }

        return f;
    }

    public static string Name(OutputFormat format) => format switch
    {
        OutputFormat.Table => "text",
        OutputFormat.JsonLines => "jsonl",
        OutputFormat.Json => "json",
        _ => "csv",
    };
}

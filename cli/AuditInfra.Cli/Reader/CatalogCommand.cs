using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Catalog;

namespace AuditInfra.Cli.Reader;

/// <summary><c>auditinfra catalog [TEXT] [--format text|json]</c>: the event-code catalog and the sign-in codes, optionally searched.</summary>
internal static class CatalogCommand
{
    public static Command Create(CliConsole console)
    {
        var search = new Argument<string?>("TEXT")
        {
            Description = "Show only codes whose code, service, group, description or operation contains TEXT (case-insensitive).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = FormatOption.Create("text (a table, for people) or json (an array of {code, service, group, description, operation}).", "text", "json");
        var command = new Command("catalog",
            $"List Akamai's audit-log event codes ({EventCatalog.Default.Count} shipped with this build) and the sign-in codes of -login files " +
            $"({string.Join(", ", SignInCodes.All)}, group {RecordClassifier.SignInGroup}), and search them.")
        {
            search,
            format,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(search);
            // The sign-in codes come after the catalog, in their own group: verify counts them, so catalog lists them.
            var signIns = new EventCatalog(SignInCodes.Entries);
            var codes = (text is { Length: > 0 }
                ? EventCatalog.Default.Search(text).Concat(signIns.Search(text))
                : EventCatalog.Default.Codes.Concat(signIns.Codes)).ToList();
            if (parse.GetValue(format) == "json")
            {
                WriteJson(codes, console.Out);
            }
            else
            {
                WriteTable(codes, console.Out);
            }

            return ExitCodes.Clean;
        });
        return command;
    }

    private static void WriteJson(IReadOnlyList<EventCode> codes, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var c in codes)
            {
                json.WriteStartObject();
                json.WriteString("code", c.Code);
                json.WriteString("service", c.Service);
                json.WriteString("group", c.Group);
                json.WriteString("description", c.Description);
                json.WriteString("operation", c.Operation);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteTable(IReadOnlyList<EventCode> codes, TextWriter output)
    {
        var codeWidth = Math.Max(4, codes.Select(c => c.Code.Length).DefaultIfEmpty(0).Max());
        var serviceWidth = Math.Max(7, codes.Select(c => c.Service.Length).DefaultIfEmpty(0).Max());
        var groupWidth = Math.Max(5, codes.Select(c => c.Group.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"CODE".PadRight(codeWidth)}  {"SERVICE".PadRight(serviceWidth)}  {"GROUP".PadRight(groupWidth)}  DESCRIPTION");
        foreach (var c in codes)
        {
            output.WriteLine($"{c.Code.PadRight(codeWidth)}  {c.Service.PadRight(serviceWidth)}  {c.Group.PadRight(groupWidth)}  {c.Description}");
        }

        output.WriteLine($"{codes.Count} of {EventCatalog.Default.Count + SignInCodes.Entries.Count} codes ({EventCatalog.Default.Count} from Akamai's catalog, {SignInCodes.Entries.Count} sign-in codes)");
    }
}

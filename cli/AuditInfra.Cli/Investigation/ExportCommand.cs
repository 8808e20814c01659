using System.CommandLine;
using AuditInfra.Investigation;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Query;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Catalog;

namespace AuditInfra.Cli;

/// <summary><c>export</c>: every filtered record of any range, streamed to CSV, JSON or JSON Lines.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new SourceFlags();
        var filters = new FilterFlags();
        var format = FormatOption.Create("jsonl (JSON Lines), json (one array) or csv.", "jsonl", "json", "csv");
        var output = new Option<string>("--output")
        {
            HelpName = "FILE",
            Description = "Write to this file instead of stdout. It appears whole when the export succeeds (written aside, then renamed), never half-written.",
        };
        var command = new Command("export",
            "Stream every matching record of a range (no 180-day limit) to CSV, JSON or JSON Lines, in constant memory. " +
            "Order: day by day, object by object, line by line (query sorts; export streams)." + ExitCodes.Help(string.Empty));
        source.AddTo(command);
        filters.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parse, ct) => InvestigationRun.GuardAsync(console, async () =>
        {
            var classifier = new RecordClassifier(EventCatalog.Default);
            var filter = RecordFilter.Compile(filters.Spec(parse), classifier, TimeProvider.System);
            var chosen = OutputFormats.Parse(parse.GetValue(format)!, "--format", OutputFormat.JsonLines, OutputFormat.Json, OutputFormat.Csv);
            var configuration = source.LoadConfiguration(parse);
            var scanner = await source.OpenAsync(configuration, console.WaitingFor, ct);
            await using var _ = scanner.Source;
            if (parse.GetValue(output) is not { } file)
            {
                await using var stdout = InvestigationRun.BufferedOut(console);
                using var writer = RecordWriters.Create(chosen, stdout, new RecordFields(classifier));
                var result = await RecordQuery.ExportAsync(scanner, filter, writer, ct);
                return InvestigationRun.Finish(console, "export", $"{result.Written} record(s) written", result.Statistics, scanner, filter, ExitCodes.Clean);
            }

            var full = Path.GetFullPath(file);
            var temporary = $"{full}.tmp-{Environment.ProcessId}";
            try
            {
                QueryResult result;
                await using (var stream = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false), 1 << 16))
                {
                    using var writer = RecordWriters.Create(chosen, stream, new RecordFields(classifier));
                    result = await RecordQuery.ExportAsync(scanner, filter, writer, ct);
                    await stream.FlushAsync(ct);
                    ((FileStream)stream.BaseStream).Flush(flushToDisk: true);
                }

                File.Move(temporary, full, overwrite: true);
                return InvestigationRun.Finish(console, "export", $"{result.Written} record(s) written to {file}", result.Statistics, scanner, filter, ExitCodes.Clean);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvestigationException($"--output {file} cannot be written: {ex.Message}", ex);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }));
        return command;
    }
}

using System.CommandLine;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Options;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Catalog;

namespace AuditInfra.Cli;

/// <summary><c>filter-options</c>: the values present in a range, with counts, for picking filters.</summary>
internal static class FilterOptionsCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new SourceFlags();
        var filters = new FilterFlags();
        var format = FormatOption.Create("text (a table, for people) or json.", "text", "json");
        var command = new Command("filter-options",
            "List the codes, actions, services, groups, actors, IPs, outcomes and streams present in a range, most frequent first, " +
            "so a person or a UI can pick filters. Takes the same filters as query to narrow the range." + ExitCodes.Help(string.Empty));
        source.AddTo(command);
        filters.AddTo(command);
        command.Options.Add(format);
        command.SetAction((parse, ct) => InvestigationRun.GuardAsync(console, async () =>
        {
            var classifier = new RecordClassifier(EventCatalog.Default);
            var filter = RecordFilter.Compile(filters.Spec(parse), classifier, TimeProvider.System);
            var configuration = source.LoadConfiguration(parse);
            var scanner = await source.OpenAsync(configuration, console.WaitingFor, ct);
            await using var _ = scanner.Source;
            var (report, statistics) = await FilterOptionsQuery.CollectAsync(scanner, filter, classifier, ct);
            if (parse.GetValue(format) == "json")
            {
                FilterOptionsWriter.WriteJson(report, console.Out);
            }
            else
            {
                FilterOptionsWriter.WriteText(report, console.Out);
            }

            return InvestigationRun.Finish(console, "filter-options", $"{report.Records} matching record(s)", statistics, scanner, filter, ExitCodes.Clean);
        }));
        return command;
    }
}

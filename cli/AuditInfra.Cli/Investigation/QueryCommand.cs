using System.CommandLine;
using AuditInfra.Investigation;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Query;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Catalog;

namespace AuditInfra.Cli;

/// <summary><c>query</c>: filtered records, sorted by time, one page (<c>--limit/--offset</c>).</summary>
internal static class QueryCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new SourceFlags();
        var filters = new FilterFlags();
        var limit = new Option<int>("--limit") { HelpName = "N", Description = "Records to print (0: all, sorted one day at a time).", DefaultValueFactory = _ => 100 };
        var offset = new Option<int>("--offset") { HelpName = "N", Description = "Matches to skip first (paging).", DefaultValueFactory = _ => 0 };
        Counts.AtLeast(0, limit, offset);
        var order = new Option<string>("--order") { Description = "oldest (first) or newest (first).", DefaultValueFactory = _ => "oldest" };
        order.AcceptOnlyFromAmong("oldest", "newest");
        var format = FormatOption.Create("text (a table with fixed columns, for people), jsonl (JSON Lines), json or csv.", "text", "jsonl", "json", "csv");
        var command = new Command("query",
            "Find records: filter by time, code, action, service, group, actor, IP, outcome, stream and free text; sorted by time. " +
            "Memory holds offset+limit records however many match. The total match count goes to stderr." + ExitCodes.Help(string.Empty));
        source.AddTo(command);
        filters.AddTo(command);
        command.Options.Add(limit);
        command.Options.Add(offset);
        command.Options.Add(order);
        command.Options.Add(format);
        command.SetAction((parse, ct) => InvestigationRun.GuardAsync(console, async () =>
        {
            var classifier = new RecordClassifier(EventCatalog.Default);
            var filter = RecordFilter.Compile(filters.Spec(parse), classifier, TimeProvider.System);
            var chosen = OutputFormats.Parse(parse.GetValue(format)!, "--format", OutputFormat.Table, OutputFormat.JsonLines, OutputFormat.Json, OutputFormat.Csv);
            var options = new QueryOptions { Limit = parse.GetValue(limit), Offset = parse.GetValue(offset), NewestFirst = parse.GetValue(order) == "newest" };
            RecordQuery.Validate(options);
            var configuration = source.LoadConfiguration(parse);
            var scanner = await source.OpenAsync(configuration, console.WaitingFor, ct);
            await using var _ = scanner.Source;
            await using var stdout = InvestigationRun.BufferedOut(console);
            using var writer = RecordWriters.Create(chosen, stdout, new RecordFields(classifier));
            var result = await RecordQuery.QueryAsync(scanner, filter, options, writer, ct);
            return InvestigationRun.Finish(console, "query", $"{result.Matched} match(es), printed {result.Written}", result.Statistics, scanner, filter, ExitCodes.Clean);
        }));
        return command;
    }
}

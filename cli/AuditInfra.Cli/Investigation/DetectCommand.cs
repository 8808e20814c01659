using System.CommandLine;
using AuditInfra.Investigation.Detections;
using AuditInfra.Investigation.Filters;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Catalog;

namespace AuditInfra.Cli;

/// <summary><c>detect</c>: the built-in detections over a range; exit 1 when anything fires.</summary>
internal static class DetectCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new SourceFlags();
        var filters = new FilterFlags();
        var format = FormatOption.Create("text (for people) or json ({\"detections\": [...]}).", "text", "json");
        var minSeverity = new Option<string>("--min-severity")
        {
            Description = "Print only detections at least this severe: low, medium, high or critical (the exit code follows what is printed).",
            DefaultValueFactory = _ => "low",
        };
        var command = new Command("detect",
            "Run the built-in detections (" + string.Join(", ", DetectionEngine.RuleIds) + ") over a range. Each detection names " +
            "the rule, severity, actor/IP, first and last time, count and the evidence (object keys and lines). Text starts with a summary " +
            "per rule and severity and lists the most severe first; JSON prints detections as they become final (a burst when it ends, " +
            "per-actor groups at the end), so none are held in memory. A Kubernetes request counts once, whatever stages it logged. " +
            "Thresholds, windows, code lists and excluded identities are settings (section Detections). " +
            ExitCodes.Help("when a detection fires"));
        source.AddTo(command);
        filters.AddTo(command, timeOnly: true);
        command.Options.Add(format);
        command.Options.Add(minSeverity);
        command.SetAction((parse, ct) => InvestigationRun.GuardAsync(console, async () =>
        {
            var classifier = new RecordClassifier(EventCatalog.Default);
            var filter = RecordFilter.Compile(filters.Spec(parse), classifier, TimeProvider.System);
            var configuration = source.LoadConfiguration(parse);
            var settings = SourceFlags.BindDetections(configuration);
            var minimum = DetectionReportWriter.ParseSeverity(parse.GetValue(minSeverity)!);
            var report = new DetectionReportWriter(console.OutStream, json: parse.GetValue(format) == "json", minimum);
            var engine = new DetectionEngine(settings, report.Write);
            var scanner = await source.OpenAsync(configuration, console.WaitingFor, ct);
            await using var _ = scanner.Source;
            var (_, statistics) = await DetectionRun.RunAsync(scanner, filter, engine, ct);
            report.Complete(readNothing: statistics.ObjectsIn(filter.Range.FirstDay, filter.Range.LastDay) == 0);
            return InvestigationRun.Finish(console, "detect", $"{report.Count} detection(s)", statistics, scanner, filter,
                report.Count > 0 ? ExitCodes.Findings : ExitCodes.Clean);
        }));
        return command;
    }
}

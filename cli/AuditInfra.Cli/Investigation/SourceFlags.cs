using System.CommandLine;
using AuditInfra.Cli.Reader;
using AuditInfra.Investigation;
using AuditInfra.Investigation.Detections;
using AuditInfra.Investigation.Reading;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Sources;
using Microsoft.Extensions.Configuration;

namespace AuditInfra.Cli;

/// <summary>
/// Where a command reads from, exactly as <c>verify</c> takes it (the reader's shared options: <c>--config</c>,
/// <c>--endpoint</c>, <c>--region</c>, <c>--path</c>) plus <c>--source DIR|s3://bucket[/prefix]</c>. Settings come from the
/// file, then <c>AUDITINFRA_</c> environment variables, then flags; the investigation commands add the section
/// <c>Detections</c> to the same configuration.
/// </summary>
internal sealed class SourceFlags
{
    private readonly ReaderOptions _shared = new();

    public Option<string?> Source { get; } = new("--source")
    {
        Description = "The delivery to read: a folder laid out like the bucket, or s3://bucket[/prefix] (setting Source).",
        HelpName = "DIR|s3://bucket[/prefix]",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Source);
        _shared.AddTo(command);
    }

    /// <summary>The layered configuration (file, environment, flags); nothing is opened yet.</summary>
    public IConfiguration LoadConfiguration(ParseResult parse) =>
        ReaderConfiguration.Build(parse.GetValue(_shared.Config), [.. _shared.Flags(parse), new("Source", parse.GetValue(Source))]);

    /// <param name="waiting">Told while an S3 endpoint has not answered yet (see <see cref="CliConsole.WaitingFor"/>).</param>
    public async Task<RecordScanner> OpenAsync(IConfiguration configuration, Action<string, TimeSpan>? waiting, CancellationToken cancellationToken)
    {
        var settings = ReaderConfiguration.Bind(configuration);
        if (string.IsNullOrWhiteSpace(settings.Source))
        {
            throw new InvestigationException("no source: pass --source DIR|s3://bucket[/prefix], or set Source in the settings file or AUDITINFRA_SOURCE");
        }

        var source = await LogSourceFactory.OpenAsync(settings.Source, settings.S3, waiting, cancellationToken);
        var options = new ScanOptions { Reader = settings.ToReaderOptions() };
        if (settings.Parallelism > 0)
        {
            options.Parallelism = settings.Parallelism;
        }

        return new RecordScanner(source, options);
    }

    /// <summary>Binds the <c>Detections</c> section of the configuration; a value of the wrong type names its key.</summary>
    /// <remarks>A call with the concrete type, so the configuration binding source generator writes the binder (no reflection).</remarks>
    public static DetectionSettings BindDetections(IConfiguration configuration)
    {
        const string section = "Detections";
        var value = new DetectionSettings();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvestigationException($"invalid setting in section {section}: {ex.Message}", ex);
        }

        return value;
    }
}

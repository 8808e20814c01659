using System.CommandLine;
using AuditInfra.Investigation.Reading;
using AuditInfra.Reader.Reading;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;
using Microsoft.Extensions.Configuration;

namespace AuditInfra.Cli;

/// <summary>
/// Where a command reads from, as <c>verify</c> takes it: <c>--source DIR|s3://bucket[/prefix]</c>, <c>--endpoint</c>,
/// <c>--region</c>, the destination's custom <c>--path</c>, and <c>--config</c> (a JSON settings file). Settings
/// come from the file, then <c>AUDITINFRA_</c> environment variables, then flags, each overriding the one before.
/// </summary>
internal sealed class SourceFlags
{
    public Option<string> Source { get; } = new("--source")
    {
        Description = "The delivery to read: a folder laid out like the bucket, or s3://bucket[/prefix].",
        Required = true,
    };

    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = "S3 endpoint URL, e.g. https://us-ord-1.linodeobjects.com. Credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or S3 settings.",
    };

    public Option<string> Region { get; } = new("--region") { Description = "S3 signing region (Linode accepts any; default us-east-1)." };

    public Option<string> DeliveryPath { get; } = new("--path") { Description = "The destination's custom path, if it has one (default: Akamai's key layout)." };

    public Option<string> Config { get; } = new("--config")
    {
        Description = "JSON settings file (sections S3, Fields, Detections). AUDITINFRA_ environment variables override it, e.g. AUDITINFRA_Detections__MassDeletion__Threshold=20.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Source);
        command.Options.Add(Endpoint);
        command.Options.Add(Region);
        command.Options.Add(DeliveryPath);
        command.Options.Add(Config);
    }

    public IConfiguration LoadConfiguration(ParseResult parse)
    {
        var builder = new ConfigurationBuilder();
        if (parse.GetValue(Config) is { } file)
        {
            if (!File.Exists(file))
            {
                throw new AuditInfra.Investigation.InvestigationException($"--config {file}: no such file");
            }

            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        builder.AddEnvironmentVariables("AUDITINFRA_");
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new AuditInfra.Investigation.InvestigationException($"--config {parse.GetValue(Config)}: {ex.Message}", ex);
        }
    }

    public async Task<RecordScanner> OpenAsync(ParseResult parse, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var s3 = Bind<S3LogSourceOptions>(configuration, "S3");
        s3.Endpoint = parse.GetValue(Endpoint) ?? s3.Endpoint;
        s3.Region = parse.GetValue(Region) ?? s3.Region;
        var reader = new DeliveryReaderOptions
        {
            Path = parse.GetValue(DeliveryPath) ?? configuration["Path"],
            Fields = Bind<RecordFieldPaths>(configuration, "Fields"),
        };
        var source = await LogSourceFactory.OpenAsync(parse.GetValue(Source)!, s3, cancellationToken);
        return new RecordScanner(source, new ScanOptions { Reader = reader });
    }

    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new AuditInfra.Investigation.InvestigationException($"setting {section}: {ex.Message}", ex);
        }

        return value;
    }
}

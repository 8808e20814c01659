using System.CommandLine;
using System.Globalization;
using AuditInfra.Reader.Configuration;

namespace AuditInfra.Cli.Reader;

/// <summary>
/// Options the reader commands share, and how flags become configuration keys: flags are the last and strongest
/// of the three configuration layers (settings file, AUDITINFRA_ environment variables, flags).
/// </summary>
internal sealed class ReaderOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "A JSON settings file (keys: Source, Path, S3:{Endpoint,Region,AccessKey,SecretKey,MaxRetries}, Fields:{EventCode,Actor,...}, " +
                      "MaxLineBytes, MaxKubernetesLineBytes, MaxJsonDepth, Parallelism, MaxFindings, PartitionToleranceMinutes). AUDITINFRA_ variables override it, flags override both.",
        HelpName = "FILE",
    };

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "S3 endpoint, e.g. https://us-ord-1.linodeobjects.com; a host alone means https (setting S3:Endpoint; overrides --region's endpoint). " +
                      "Credentials: S3:AccessKey/S3:SecretKey or the standard AWS chain.",
        HelpName = "URL",
    };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "The bucket's Linode region, e.g. us-ord: gives that region's Object Storage endpoint (from Linode's published endpoint list; " +
                      "--endpoint overrides it) and signs requests with it (setting S3:Region). An S3 source needs --region or --endpoint.",
        HelpName = "REGION",
    };

    public Option<string?> Path { get; } = new("--path")
    {
        Description = "The destination's custom path, if it has one: objects then lie flat under it instead of the default layout (setting Path).",
        HelpName = "PATH",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Endpoint);
        command.Options.Add(Region);
        command.Options.Add(Path);
    }

    /// <summary>The flags given, as configuration keys; flags not given stay out so lower layers show through.</summary>
    public List<KeyValuePair<string, string?>> Flags(ParseResult parse) =>
    [
        new("S3:Endpoint", parse.GetValue(Endpoint)),
        new("S3:Region", parse.GetValue(Region)),
        new("Path", parse.GetValue(Path)),
    ];

    public ReaderSettings Load(ParseResult parse, IEnumerable<KeyValuePair<string, string?>> moreFlags) =>
        ReaderConfiguration.Load(parse.GetValue(Config), Flags(parse).Concat(moreFlags));

    /// <summary>Reads a YYYY-MM-DD date; the message names the option.</summary>
    public static DateOnly ParseDate(string? text, string option)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new ArgumentException($"{option} '{text}' is not a date in the form YYYY-MM-DD");
        }

        return day;
    }
}

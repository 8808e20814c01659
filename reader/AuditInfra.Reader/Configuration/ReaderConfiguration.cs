using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AuditInfra.Reader.Configuration;

/// <summary>
/// Builds the reader's configuration with Microsoft.Extensions.Configuration, lowest precedence first: the JSON
/// settings file (<c>--config</c>), <c>AUDITINFRA_</c> environment variables (<c>AUDITINFRA_S3__ENDPOINT</c> is
/// <c>S3:Endpoint</c>), then the flags given on the command line.
/// </summary>
public static class ReaderConfiguration
{
    public const string EnvironmentPrefix = "AUDITINFRA_";

    /// <param name="settingsFile">A JSON settings file, or null.</param>
    /// <param name="flags">Settings given as flags, by configuration key (e.g. <c>S3:Endpoint</c>); null values are ignored.</param>
    /// <param name="environment">The environment to read <c>AUDITINFRA_</c> variables from; null for the process's.</param>
    public static IConfiguration Build(string? settingsFile, IEnumerable<KeyValuePair<string, string?>> flags, IDictionary? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            var full = System.IO.Path.GetFullPath(settingsFile);
            if (Directory.Exists(full))
            {
                throw new ReaderConfigurationException($"--config {settingsFile} is a folder; it takes a JSON settings file");
            }

            if (!File.Exists(full))
            {
                throw new ReaderConfigurationException($"settings file {settingsFile} does not exist");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(FromEnvironment(environment ?? Environment.GetEnvironmentVariables()));
        builder.AddInMemoryCollection(flags.Where(f => f.Value is not null));
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException or IOException)
        {
            throw new ReaderConfigurationException($"settings file {settingsFile} is not valid JSON: {(ex.InnerException ?? ex).Message}", ex);
        }
    }

    /// <summary>Binds and checks the settings; a value of the wrong type names its key.</summary>
    public static ReaderSettings Bind(IConfiguration configuration)
    {
        var settings = new ReaderSettings();
        try
        {
            configuration.Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new ReaderConfigurationException($"invalid setting: {ex.Message}", ex);
        }

        if (settings.Limits.Validate() is { } problem)
        {
            throw new ReaderConfigurationException(problem);
        }

        if (settings.MaxObjectBytes < 1024)
        {
            throw new ReaderConfigurationException($"MaxObjectBytes is {settings.MaxObjectBytes}; it must be at least 1024");
        }

        if (settings.MaxMalformedLines < 1)
        {
            throw new ReaderConfigurationException($"MaxMalformedLines is {settings.MaxMalformedLines}; it must be at least 1");
        }

        foreach (var (key, value) in new[] { ("Parallelism", settings.Parallelism), ("MaxFindings", settings.MaxFindings), ("PartitionToleranceMinutes", settings.PartitionToleranceMinutes) })
        {
            if (value < 0)
            {
                throw new ReaderConfigurationException($"setting {key} is {value}; it must not be negative");
            }
        }

        if (settings.PartitionToleranceMinutes > ReaderSettings.MaxPartitionToleranceMinutes)
        {
            throw new ReaderConfigurationException(
                $"PartitionToleranceMinutes is {settings.PartitionToleranceMinutes}; at most {ReaderSettings.MaxPartitionToleranceMinutes} (one day)");
        }

        if (settings.Parallelism > ReaderSettings.MaxParallelism)
        {
            // Each object in flight holds a decoder and read-ahead buffers: 100000 took 2.7 GB and 13 s on 19 objects.
            throw new ReaderConfigurationException(
                $"Parallelism (--parallelism) is {settings.Parallelism}; at most {ReaderSettings.MaxParallelism} objects are read at once " +
                "(more only costs memory: S3 latency is hidden well before that)");
        }

        return settings;
    }

    public static ReaderSettings Load(string? settingsFile, IEnumerable<KeyValuePair<string, string?>> flags, IDictionary? environment = null) =>
        Bind(Build(settingsFile, flags, environment));

    // The same mapping as AddEnvironmentVariables(prefix), over an injectable dictionary so tests need not touch the process's environment.
    private static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), entry.Value as string);
            }
        }
    }
}

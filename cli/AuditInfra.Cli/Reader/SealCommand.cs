using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditInfra.Reader.Integrity;
using AuditInfra.Reader.Integrity.Signing;
using AuditInfra.Reader.Reporting;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Cli.Reader;

/// <summary><c>auditinfra seal</c> (signed, chained digests of closed periods) and <c>auditinfra seal keygen</c>.</summary>
internal static class SealCommand
{
    public static Command Create(CliConsole console)
    {
        var shared = new ReaderOptions();
        var source = new Option<string?>("--source")
        {
            Description = "The delivery to seal: s3://bucket[/prefix] (digests go into the same bucket, under auditinfra-digests/) or a folder (setting Source).",
            HelpName = "DIR|s3://bucket[/prefix]",
        };
        var privateKey = new Option<string>("--private-key") { Description = "The sealer's private key (PEM, from 'seal keygen').", Required = true, HelpName = "FILE" };
        var from = new Option<string?>("--from") { Description = "First UTC day to consider, YYYY-MM-DD (default: two days ago; on the first run, the first day of delivery).", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Last UTC day to consider (default: today; periods not yet closed plus --delay wait for a later run).", HelpName = "DATE" };
        var period = new Option<string>("--period") { Description = "Period one digest covers: hour (default) or day.", DefaultValueFactory = _ => "hour" };
        period.AcceptOnlyFromAmong("hour", "day");
        var delay = new Option<string>("--delay") { Description = "How long after a period ends it is sealed, for deliveries on their way (default 1h).", DefaultValueFactory = _ => "1h", HelpName = "DURATION" };
        var lateWindow = new Option<string>("--late-window")
        {
            Description = "How long after a period ends an arrival is still a late delivery, sealed by an addendum (default 24h); later ones are never sealed. Run seal at least this often.",
            DefaultValueFactory = _ => "24h",
            HelpName = "DURATION",
        };
        var parallelism = new Option<int?>("--parallelism") { Description = "Objects read at once (setting Parallelism).", HelpName = "N" };
        var format = FormatOption.Create("text or json.", "text", "json");

        var command = new Command(
            "seal",
            "Write one signed digest per stream and closed period (hour or day) listing every delivered object with its version, size, ETag, " +
            "SHA-256, record count and times and Object Lock state; digests of a stream are chained. Empty periods get digests too; late " +
            "arrivals get addenda. Rerunning seals only what is missing. Exit 0 done, 2 usage, configuration or access error.")
        {
            source, privateKey, from, to, period, delay, lateWindow, parallelism, format,
        };
        shared.AddTo(command);
        command.Subcommands.Add(CreateKeygen(console));
        command.SetAction((parse, ct) => UserErrors.RunAsync(console, async () =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var first = parse.GetValue(from) is { } f ? ReaderOptions.ParseDate(f, "--from") : today.AddDays(-2);
            var last = parse.GetValue(to) is { } t ? ReaderOptions.ParseDate(t, "--to") : today;
            if (last < first)
            {
                throw new ArgumentException($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}");
            }

            var options = new SealOptions
            {
                From = first,
                To = last,
                Length = SealPeriod.ParseLength(parse.GetValue(period)) ?? PeriodLength.Hour,
                Delay = AuditInfra.Cli.SyncCommand.ParseDuration(parse.GetValue(delay)!, "--delay"),
                LateWindow = AuditInfra.Cli.SyncCommand.ParseDuration(parse.GetValue(lateWindow)!, "--late-window"),
            };
            var settings = shared.Load(parse,
            [
                new("Source", parse.GetValue(source)),
                new("Parallelism", parse.GetValue(parallelism)?.ToString(CultureInfo.InvariantCulture)),
            ]);
            if (string.IsNullOrWhiteSpace(settings.Source))
            {
                throw new ArgumentException("no source: pass --source DIR|s3://bucket[/prefix], or set Source in the settings file or AUDITINFRA_SOURCE");
            }

            using var signer = DigestSigner.Load(parse.GetValue(privateKey)!);
            await using var logSource = await LogSourceFactory.OpenAsync(settings.Source, settings.S3, console.WaitingFor, ct);
            var result = await new Sealer(settings, signer).RunAsync(logSource, options, ct);
            Write(console, result, signer.KeyId, parse.GetValue(format) == "json");
            return ExitCodes.Clean;
        }));
        return command;
    }

    private static Command CreateKeygen(CliConsole console)
    {
        var privateKey = new Option<string>("--private-key") { Description = "Where to write the private key (PEM, PKCS#8, mode 0600; never overwritten).", Required = true, HelpName = "FILE" };
        var publicKey = new Option<string>("--public-key") { Description = "Where to write the public key (PEM) for verify --integrity.", Required = true, HelpName = "FILE" };
        var algorithm = new Option<string>("--algorithm") { Description = "ecdsa-p256 (default) or rsa-pss (3072 bits).", DefaultValueFactory = _ => "ecdsa-p256" };
        algorithm.AcceptOnlyFromAmong("ecdsa-p256", "rsa-pss");
        var command = new Command("keygen", "Write a new sealing key pair and print the public key's id.") { privateKey, publicKey, algorithm };
        command.SetAction((parse, _) => UserErrors.RunAsync(console, () =>
        {
            var id = KeyGenerator.Generate(
                parse.GetValue(algorithm) == "rsa-pss" ? SignatureAlgorithms.RsaPssSha256 : SignatureAlgorithms.EcdsaP256Sha256,
                parse.GetValue(privateKey)!,
                parse.GetValue(publicKey)!);
            console.Out.WriteLine(id);
            return Task.FromResult(ExitCodes.Clean);
        }));
        return command;
    }

    private static void Write(CliConsole console, SealResult r, string keyId, bool json)
    {
        if (json)
        {
            // Utf8JsonWriter like every other JSON writer here: no reflection, so the native (trimmed) build keeps it.
            // Its default encoder is JsonSerializer's, so the bytes are what JsonSerializer wrote before.
            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteNumber("streams", r.Streams);
                w.WriteNumber("digests", r.Digests);
                w.WriteNumber("addenda", r.Addenda);
                w.WriteNumber("empty_periods", r.EmptyPeriods);
                w.WriteNumber("already_sealed", r.AlreadySealed);
                w.WriteNumber("objects", r.Objects);
                w.WriteNumber("bytes", r.Bytes);
                w.WriteString("signer_key_id", keyId);
                w.WriteStringArray("not_sealed", r.NotSealed);
                w.WriteStringArray("written", r.WrittenKeys);
                w.WriteEndObject();
            }

            console.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
            return;
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sealed {r.Digests} digests ({r.Addenda} addenda, {r.EmptyPeriods} empty periods) over {r.Streams} streams: {r.Objects} objects, {r.Bytes} bytes; {r.AlreadySealed} periods were sealed already; key {keyId}"));
        foreach (var key in r.NotSealed)
        {
            console.Out.WriteLine($"not sealed (arrived after the late window; verify --integrity reports it as object_injected): {key}");
        }
    }
}

using System.Diagnostics;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Hostile;

/// <summary>
/// A delivery shaped like an attack on the reader (issue 17), small enough for a test: an object of many valid
/// records (several parts), an object of many malformed lines (past the cap), and, in a folder, a FIFO named like a
/// delivery, a symbolic link loop, a link to a folder above and a link out of the folder.
/// </summary>
internal static class HostileDelivery
{
    public static readonly DateOnly Day = new(2026, 11, 1);

    /// <summary>Valid records in the big object: more than two parts' worth.</summary>
    public const int ValidRecords = 10_000;

    /// <summary>Malformed lines in the bad object, and the cap the tests set (the settings file of <see cref="WriteSettings"/>).</summary>
    public const int MalformedLines = 50_000;
    public const int MalformedCap = 500;

    public static string BigKey => DeliveryBuilder.ConfigKey(Day, 1);

    public static string MalformedKey => DeliveryBuilder.ConfigKey(Day, 2);

    public static string FifoKey => DeliveryBuilder.ConfigKey(Day, 3);

    public static string OutsideLinkKey => DeliveryBuilder.ConfigKey(Day, 4);

    public static IEnumerable<string> BigLines() => Enumerable.Range(0, ValidRecords).Select(i => DeliveryBuilder.Config(
        $"r{i:D5}", Sample.At(Day, 10, 0).AddMilliseconds(i), "post-linode-instance"));

    public static IEnumerable<string> BadLines() => Enumerable.Repeat("x", MalformedLines);

    public static string[] ExpectedIds() => [.. Enumerable.Range(0, ValidRecords).Select(i => $"r{i:D5}")];

    /// <summary>The records and the bad object, plus (folders only) the special files.</summary>
    public static void WriteFolder(string folder, string outside)
    {
        DeliveryBuilder.WriteObject(folder, BigKey, BigLines());
        DeliveryBuilder.WriteObject(folder, MalformedKey, BadLines());
        var day = Path.GetDirectoryName(Path.Combine(folder, BigKey))!;
        Run("mkfifo", Path.Combine(folder, FifoKey));
        File.CreateSymbolicLink(Path.Combine(day, "loop-a"), Path.Combine(day, "loop-b"));
        File.CreateSymbolicLink(Path.Combine(day, "loop-b"), Path.Combine(day, "loop-a"));
        Directory.CreateSymbolicLink(Path.Combine(day, "up"), folder);
        DeliveryBuilder.WriteObject(outside, "secret.gz", [DeliveryBuilder.Config("outside", Sample.At(Day, 10, 0), "post-linode-instance")]);
        File.CreateSymbolicLink(Path.Combine(folder, OutsideLinkKey), Path.Combine(outside, "secret.gz"));
    }

    public static async Task UploadAsync(string bucket)
    {
        var builder = new DeliveryBuilder();
        builder.Add(BigKey, [.. BigLines()]);
        builder.Add(MalformedKey, [.. BadLines()]);
        await builder.UploadAsync(bucket);
    }

    /// <summary>A settings file with the malformed-line cap the assertions expect.</summary>
    public static string WriteSettings(string folder)
    {
        var path = Path.Combine(folder, "settings.json");
        File.WriteAllText(path, $$"""{"MaxMalformedLines": {{MalformedCap}}}""");
        return path;
    }

    private static void Run(string program, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(program) { ArgumentList = { argument }, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {process.StandardError.ReadToEnd()}");
    }
}

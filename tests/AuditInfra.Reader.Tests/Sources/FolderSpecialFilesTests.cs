using System.Diagnostics;
using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Verification;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Sources;

/// <summary>
/// What a folder source does with what is not a plain file (issue 17): a FIFO named like a delivery, symbolic links
/// that loop, dangle, lead up into the folder or out of it, and a file name that is not valid UTF-8. Each is listed
/// once as an unexpected_object and never opened or descended into; a link to a file inside the folder is read.
/// A hang fails at the deadline instead of stalling the suite.
/// </summary>
public sealed class FolderSpecialFilesTests : IDisposable
{
    private const string Day = "audit_logs/com.akamai.audit/ACC/2026/11/01/";
    private static readonly DateOnly First = new(2026, 11, 1);
    private readonly TempDirectory _dir = new("special");
    private readonly TempDirectory _outside = new("special-outside");

    public void Dispose()
    {
        // .NET cannot name (so cannot delete) a file whose name is not valid UTF-8.
        Shell($"rm -rf '{_dir.Path}'");
        _dir.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task Special_files_and_escaping_links_are_unexpected_objects_and_never_opened()
    {
        Gz.WriteFile(_dir.Path, Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.CloudEvent("inside") + "\n");
        Gz.WriteFile(_outside.Path, "secret.gz", Gz.CloudEvent("outside") + "\n");
        var day = _dir.Combine(Day);
        Shell($"mkfifo '{day}akamai_log-000002-1793491400-000002-config.gz'");
        File.CreateSymbolicLink(day + "akamai_log-000003-1793491500-000003-config.gz", _outside.Combine("secret.gz"));
        File.CreateSymbolicLink(day + "loop-a", day + "loop-b");
        File.CreateSymbolicLink(day + "loop-b", day + "loop-a");
        File.CreateSymbolicLink(day + "dangling", day + "nothing-here");
        Directory.CreateSymbolicLink(day + "up", _dir.Path);
        File.CreateSymbolicLink(day + "akamai_log-000004-1793491600-000004-config.gz", day + "akamai_log-000001-1793491300-000001-config.gz");
        // Loops and escapes at a folder level above the day, where the walker lists level by level.
        Directory.CreateSymbolicLink(_dir.Combine("audit_logs", "com.akamai.audit", "ACC", "2026", "12"), _dir.Path);

        await using var source = new FolderLogSource(_dir.Path);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var report = await new Verifier(new ReaderSettings()).RunAsync(source, First, new DateOnly(2026, 12, 31), deadline.Token);

        var unexpected = report.Findings.Where(f => f.Kind == FindingKind.UnexpectedObject).ToDictionary(f => f.Object[(f.Object.LastIndexOf('/') + 1)..], f => f.Detail);
        Assert.Contains("FIFO", unexpected["akamai_log-000002-1793491400-000002-config.gz"], StringComparison.Ordinal);
        Assert.Contains("out of the source folder", unexpected["akamai_log-000003-1793491500-000003-config.gz"], StringComparison.Ordinal);
        Assert.Contains("loop", unexpected["loop-a"], StringComparison.Ordinal);
        Assert.Contains("loop", unexpected["loop-b"], StringComparison.Ordinal);
        Assert.Contains("to nothing", unexpected["dangling"], StringComparison.Ordinal);
        Assert.Contains("to a folder", unexpected["up"], StringComparison.Ordinal);
        Assert.Contains("to a folder", unexpected["12"], StringComparison.Ordinal);
        Assert.Equal(7, report.Summary.UnexpectedObjects);
        // The regular file and the link to it inside the folder are read (the link's records are duplicates).
        Assert.Equal(2, report.Summary.Records);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.DuplicateRecord);
        Assert.DoesNotContain(report.Findings, f => f.Kind == FindingKind.CorruptObject);
    }

    [Fact]
    public async Task A_file_name_that_is_not_utf8_is_an_unexpected_object_not_a_crash()
    {
        Gz.WriteFile(_dir.Path, Day + "akamai_log-000001-1793491300-000001-config.gz", Gz.CloudEvent("a") + "\n");
        Shell($"printf x > '{_dir.Combine(Day)}'$'bad-\\xff-name.gz'");

        await using var source = new FolderLogSource(_dir.Path);
        var report = await new Verifier(new ReaderSettings()).RunAsync(source, First, First);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.UnexpectedObject, finding.Kind);
        Assert.Contains("not valid UTF-8", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.Summary.Records);
    }

    [Fact]
    public async Task Opening_an_entry_swapped_for_a_fifo_after_listing_fails_as_not_a_regular_file()
    {
        const string Key = Day + "akamai_log-000001-1793491300-000001-config.gz";
        Directory.CreateDirectory(_dir.Combine(Day));
        Shell($"mkfifo '{_dir.Combine(Key)}'");
        await using var source = new FolderLogSource(_dir.Path);

        var ex = await Assert.ThrowsAsync<LogSourceException>(() => source.OpenReadAsync(new LogObjectInfo(Key, 0, DateTimeOffset.UnixEpoch)));
        Assert.Contains("FIFO", ex.Message, StringComparison.Ordinal);
    }

    private static void Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { "-c", command }, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command}: {process.StandardError.ReadToEnd()}");
    }
}

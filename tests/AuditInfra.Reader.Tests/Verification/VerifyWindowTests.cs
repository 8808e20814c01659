using AuditInfra.Reader.Configuration;
using AuditInfra.Reader.Verification;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Verification;

/// <summary>verify's range is clamped at now: future days are not read, today is read but no day is missing yet.</summary>
public class VerifyWindowTests
{
    private const string Account = "audit_logs/com.akamai.audit/ACC/2026/11/";

    [Theory]
    [InlineData(Store.Folder)]
    [InlineData(Store.Bucket)]
    public async Task Future_days_are_not_read_and_today_is_a_note_not_a_missing_day(Store store)
    {
        await using var where = await Where.CreateAsync(store, "clamp");
        await where.PutAsync(Account + "01/akamai_log-000001-1793491300-000001-config.gz", Gz.Compress(Gz.CloudEvent("a") + "\n"));
        // Filed under a day that has not happened yet (a clock gone wrong upstream): beyond now, so not read.
        await where.PutAsync(Account + "05/akamai_log-000001-1793837000-000001-config.gz", Gz.Compress(Gz.CloudEvent("z", time: "2026-11-05T10:00:00Z") + "\n"));
        await using var source = await where.OpenAsync();
        var now = new DateTimeOffset(2026, 11, 3, 9, 30, 0, TimeSpan.Zero);

        var report = await new Verifier(new ReaderSettings(), clock: new FixedClock(now)).RunAsync(source, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 6));

        // 11-02 is settled and missing; 11-03 (today) and 11-04..06 (future) are not findings.
        var missing = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.MissingDay, missing.Kind);
        Assert.Contains("2026-11-02", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.Summary.Records);
        Assert.Equal(new DateOnly(2026, 11, 3), report.Summary.ReadTo);
        Assert.Equal(new DateOnly(2026, 11, 6), report.Summary.To);
        Assert.Collection(
            report.Summary.Notes,
            today => Assert.StartsWith("2026-11-03 is today (2026-11-03T09:30Z) and still being delivered", today, StringComparison.Ordinal),
            future => Assert.StartsWith("2026-11-04..2026-11-06 are in the future", future, StringComparison.Ordinal));
        Assert.All(report.Summary.Streams, p => Assert.Equal(3, p.DaysInRange));
    }

    [Fact]
    public async Task A_range_entirely_after_today_reads_nothing()
    {
        await using var where = await Where.CreateAsync(Store.Folder, "future");
        await where.PutAsync(Account + "05/akamai_log-000001-1793837000-000001-config.gz", Gz.Compress(Gz.CloudEvent("z", time: "2026-11-05T10:00:00Z") + "\n"));
        await using var source = await where.OpenAsync();

        var report = await new Verifier(new ReaderSettings(), clock: new FixedClock(new DateTimeOffset(2026, 11, 3, 23, 59, 0, TimeSpan.Zero)))
            .RunAsync(source, new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 5));

        Assert.Null(report.Summary.ReadTo);
        Assert.Equal(0, report.Summary.Objects);
        Assert.Empty(report.Findings);
        Assert.Contains("is after today", Assert.Single(report.Summary.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_past_range_is_unchanged_and_has_no_notes()
    {
        var window = VerifyWindow.Clamp(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2)), (window.ReadTo, window.LastSettledDay));
        Assert.Empty(window.Notes);

        var todayOnly = VerifyWindow.Clamp(new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 3), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 3), todayOnly.ReadTo);
        Assert.Null(todayOnly.LastSettledDay);
        Assert.Single(todayOnly.Notes);
    }
}

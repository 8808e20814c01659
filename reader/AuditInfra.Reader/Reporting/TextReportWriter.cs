using System.Globalization;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Reporting;

/// <summary>
/// The report for people: a summary block, then one line per finding (<c>kind  object:line  detail</c>). Keys, codes
/// and details come from the delivery, so each goes through <see cref="DisplayText"/>: a key or a value holding a
/// newline or a terminal escape cannot forge a line of the report.
/// </summary>
public static class TextReportWriter
{
    private const int TopCodes = 10;

    public static void Write(VerifyReport report, TextWriter output)
    {
        var s = report.Summary;
        output.WriteLine($"verify {E(s.Source)}  {s.From:yyyy-MM-dd} .. {s.To:yyyy-MM-dd}");
        foreach (var note in s.Notes)
        {
            output.WriteLine($"  note         {E(note)}");
        }

        foreach (var warning in s.Warnings)
        {
            output.WriteLine($"  warning      {E(warning)}");
        }

        output.WriteLine($"  objects      {N(s.Objects)} delivery objects ({N(s.EmptyObjects)} empty), {N(s.ProbeObjects)} probe, {N(s.UnexpectedObjects)} unexpected");
        output.WriteLine($"  records      {N(s.Records)} in {Bytes(s.Bytes)} stored, {Bytes(s.UncompressedBytes)} uncompressed, {s.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        output.WriteLine($"  by category  {Join(s.RecordsByCategory)}");
        foreach (var p in s.Streams)
        {
            var who = p.Cluster is null ? p.Account : $"{p.Account}/{p.Cluster}";
            output.WriteLine($"  stream       {p.Stream} {E(who.Length > 0 ? who : p.Prefix)}: {p.DaysDelivered}/{p.DaysInRange} days, {N(p.Objects)} objects");
        }

        if (s.RecordsByService.Count > 0)
        {
            output.WriteLine($"  by service   {Join(s.RecordsByService)}");
        }

        if (s.RecordsByEventCode.Count > 0)
        {
            var more = s.RecordsByEventCode.Count > TopCodes ? $", … {s.RecordsByEventCode.Count - TopCodes} more" : string.Empty;
            output.WriteLine($"  event codes  {Join(s.RecordsByEventCode.Take(TopCodes))}{more}");
        }

        output.WriteLine($"  catalog      {s.CatalogCoverage.Seen} of {s.CatalogCoverage.Known} codes seen ({s.CatalogCoverage.Percent.ToString("0.0", CultureInfo.InvariantCulture)}%)");
        if (report.IsClean)
        {
            output.WriteLine("  findings     none: the delivery is complete and valid");
            return;
        }

        output.WriteLine($"  findings     {N(s.Findings)}: {Join(s.FindingsByKind.Where(k => k.Value > 0))}");
        output.WriteLine();
        foreach (var f in report.Findings)
        {
            var where = f.Object.Length == 0 ? "(source)" : E(f.Object);
            output.WriteLine($"{FindingKinds.Name(f.Kind),-19} {where}{(f.Line is { } l ? ":" + l.ToString(CultureInfo.InvariantCulture) : string.Empty)}  {E(f.Detail)}");
        }

        if (s.FindingsListed < s.Findings)
        {
            output.WriteLine($"… {N(s.Findings - s.FindingsListed)} more findings not listed (raise MaxFindings to see them)");
        }
    }

    private static string Join(IEnumerable<KeyValuePair<string, long>> counts) =>
        string.Join(", ", counts.Select(c => $"{E(c.Key)} {N(c.Value)}"));

    private static string E(string? text) => DisplayText.Escape(text ?? string.Empty);

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}

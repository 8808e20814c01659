using System.Globalization;
using System.Text.RegularExpressions;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>
/// Where digests live, relative to the source root:
/// <c>auditinfra-digests/&lt;stream&gt;/YYYY/MM/DD/&lt;period&gt;-&lt;hour|day&gt;-&lt;sequence&gt;.json</c>, where
/// <c>&lt;stream&gt;</c> is <c>audit_logs/&lt;account&gt;</c>, <c>lke_audit_logs/&lt;account&gt;/lke&lt;id&gt;</c>, or
/// <c>path/&lt;stream type&gt;</c> for a destination with a custom path, and the sequence is the digest's place in its
/// stream's chain (10 digits, so the newest digest is the greatest key). Keys are named by period so <c>verify</c>
/// lists only the days it checks; addenda for a period sit next to its first digest.
/// </summary>
public static partial class DigestKeys
{
    /// <summary>The top folder of every digest; the delivery walker does not treat it as a delivery.</summary>
    public const string Root = DeliveryLayout.DigestFolder;

    /// <summary>The folder of one stream's digests, ending with '/'.</summary>
    public static string StreamFolder(DeliveryPartition stream)
    {
        var type = StreamTypes.Name(stream.Stream);
        if (stream.Account.Length == 0)
        {
            return $"{Root}path/{type}/";
        }

        return stream.Cluster is null ? $"{Root}{type}/{stream.Account}/" : $"{Root}{type}/{stream.Account}/{stream.Cluster}/";
    }

    /// <summary>The folder of one stream's digests for a day, ending with '/'.</summary>
    public static string DayFolder(DeliveryPartition stream, DateOnly day) => StreamFolder(stream) + DeliveryLayout.DayFolder(day);

    /// <summary>The key prefix every digest of a period shares (shown when the period has none).</summary>
    public static string PeriodPrefix(DeliveryPartition stream, SealPeriod period) =>
        $"{DayFolder(stream, period.Day)}{period.Label}-{SealPeriod.Name(period.Length)}-";

    public static string Key(DeliveryPartition stream, SealPeriod period, long sequence) =>
        PeriodPrefix(stream, period) + sequence.ToString("D10", CultureInfo.InvariantCulture) + ".json";

    /// <summary>Reads the period and sequence out of a digest key's file name; false for anything else.</summary>
    public static bool TryParse(string key, out SealPeriod period, out long sequence)
    {
        period = default;
        sequence = 0;
        var name = key[(key.LastIndexOf('/') + 1)..];
        var m = NamePattern().Match(name);
        if (!m.Success || !long.TryParse(m.Groups["seq"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        var length = m.Groups["len"].Value == "hour" ? PeriodLength.Hour : PeriodLength.Day;
        var format = length == PeriodLength.Hour ? "yyyy'-'MM'-'dd'T'HH" : "yyyy'-'MM'-'dd";
        if (!DateTime.TryParseExact(m.Groups["label"].Value, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
        {
            return false;
        }

        period = new SealPeriod(new DateTimeOffset(start, TimeSpan.Zero), length);
        return true;
    }

    [GeneratedRegex(@"^(?<label>[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2})?)-(?<len>hour|day)-(?<seq>[0-9]{10})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace AuditInfra.Reader.Layout;

/// <summary>
/// The key layout Akamai delivers with (research/linode-api.md §4): default keys
/// <c>audit_logs/com.akamai.audit/&lt;euuid&gt;/YYYY/MM/DD/akamai_log-NNNNNN-&lt;unix&gt;-NNNNNN-&lt;config|login&gt;.gz</c>,
/// LKE keys with a <c>lke&lt;clusterId&gt;</c> partition before the date, probe objects, and a custom destination
/// <c>path</c> that replaces the default prefix. Keys are relative to the source root.
/// </summary>
public sealed partial class DeliveryLayout
{
    public const string ProbePrefix = "cloud-logs-test-connection-";

    /// <summary>The folder <c>auditinfra seal</c> writes its signed digests into; not a delivery, so never listed as one.</summary>
    public const string DigestFolder = "auditinfra-digests/";

    public DeliveryLayout(string? customPath = null)
    {
        var path = customPath?.Trim('/') ?? string.Empty;
        CustomPath = path.Length == 0 ? null : path + "/";
    }

    /// <summary>The destination's <c>path</c> with a trailing '/', or null for the default layout.</summary>
    public string? CustomPath { get; }

    public static bool IsProbeName(string fileName) => fileName.StartsWith(ProbePrefix, StringComparison.Ordinal);

    /// <summary>Reads a key (relative to the source root) against the layout.</summary>
    public DeliveryKey Parse(string key, long size = -1)
    {
        if (key.EndsWith('/'))
        {
            return size <= 0
                ? new DeliveryKey { Key = key, Kind = KeyKind.FolderMarker }
                : DeliveryKey.Unexpected(key, "an object named like a folder, with content");
        }

        var slash = key.LastIndexOf('/');
        var name = key[(slash + 1)..];
        var folder = slash < 0 ? string.Empty : key[..(slash + 1)];
        if (IsProbeName(name) && (folder.Length == 0 || folder == CustomPath))
        {
            return new DeliveryKey { Key = key, Kind = KeyKind.Probe };
        }

        return CustomPath is null ? ParseDefault(key, folder, name) : ParseCustom(key, folder, name);
    }

    /// <summary>The prefix of a day folder in the default layout: <c>…/YYYY/MM/DD/</c>.</summary>
    public static string DayFolder(DateOnly day) => day.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture);

    internal static bool TryParseFileName(string name, out LogCategory category, out long timestamp)
    {
        category = default;
        timestamp = 0;
        var m = FileNamePattern().Match(name);
        if (!m.Success || !long.TryParse(m.Groups["unix"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
        {
            return false;
        }

        category = m.Groups["cat"].Value switch
        {
            "login" => LogCategory.Login,
            "k8s" => LogCategory.Kubernetes,
            _ => LogCategory.Config,
        };
        return true;
    }

    internal static bool TryParseDay(ReadOnlySpan<string> segments, out DateOnly day)
    {
        day = default;
        return segments.Length == 3
            && segments[0].Length == 4 && segments[1].Length == 2 && segments[2].Length == 2
            && int.TryParse(segments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mo)
            && int.TryParse(segments[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && y >= 1 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo)
            && (day = new DateOnly(y, mo, d)) != default;
    }

    private static DeliveryKey ParseDefault(string key, string folder, string name)
    {
        var segments = folder.TrimEnd('/').Split('/');
        var stream = segments.Length > 0 ? StreamTypes.Parse(segments[0]) : null;
        if (stream is null)
        {
            return DeliveryKey.Unexpected(key, $"not under {StreamTypes.AuditLogs}/ or {StreamTypes.LkeAuditLogs}/");
        }

        var lke = stream == StreamType.LkeAuditLogs;
        var expected = lke ? 7 : 6;
        if (segments.Length != expected || segments[1] != StreamTypes.LogType || segments[2].Length == 0)
        {
            return DeliveryKey.Unexpected(key, lke
                ? "not in lke_audit_logs/com.akamai.audit/<account>/lke<cluster>/YYYY/MM/DD/"
                : "not in audit_logs/com.akamai.audit/<account>/YYYY/MM/DD/");
        }

        if (lke && !IsClusterPartition(segments[3]))
        {
            return DeliveryKey.Unexpected(key, $"partition '{segments[3]}' is not lke<clusterId>");
        }

        if (!TryParseDay(segments.AsSpan(expected - 3), out var day))
        {
            return DeliveryKey.Unexpected(key, "the date folders are not a valid YYYY/MM/DD");
        }

        if (!TryParseFileName(name, out var category, out var timestamp))
        {
            return DeliveryKey.Unexpected(key, "file name is not akamai_log-NNNNNN-<unix seconds>-NNNNNN-<config|login|k8s>.gz");
        }

        if (lke != (category == LogCategory.Kubernetes))
        {
            return DeliveryKey.Unexpected(key, $"a -{StreamTypes.CategoryName(category)} file does not belong under {segments[0]}/");
        }

        var account = segments[2];
        var cluster = lke ? segments[3] : null;
        var prefix = string.Join('/', segments[..(expected - 3)]) + "/";
        return new DeliveryKey
        {
            Key = key,
            Kind = KeyKind.Delivery,
            Partition = new DeliveryPartition(stream.Value, account, cluster) { Prefix = prefix },
            Day = day,
            Category = category,
            FileTimestamp = timestamp,
        };
    }

    private DeliveryKey ParseCustom(string key, string folder, string name)
    {
        var path = CustomPath!;
        if (!folder.StartsWith(path, StringComparison.Ordinal))
        {
            return DeliveryKey.Unexpected(key, $"not under the destination path {path}");
        }

        if (!TryParseFileName(name, out var category, out var timestamp))
        {
            return DeliveryKey.Unexpected(key, "file name is not akamai_log-NNNNNN-<unix seconds>-NNNNNN-<config|login|k8s>.gz");
        }

        var rest = folder[path.Length..].TrimEnd('/');
        DateOnly day;
        if (rest.Length == 0)
        {
            day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime);
        }
        else if (!TryParseDay(rest.Split('/'), out day))
        {
            return DeliveryKey.Unexpected(key, $"not directly under {path} or in its YYYY/MM/DD/ folders");
        }

        var stream = StreamTypes.StreamOf(category);
        return new DeliveryKey
        {
            Key = key,
            Kind = KeyKind.Delivery,
            Partition = new DeliveryPartition(stream, string.Empty, null) { Prefix = path },
            Day = day,
            Category = category,
            FileTimestamp = timestamp,
        };
    }

    internal static bool IsClusterPartition(string segment) =>
        segment.Length > 3 && segment.StartsWith("lke", StringComparison.Ordinal) && segment.AsSpan(3).IndexOfAnyExceptInRange('0', '9') < 0;

    [GeneratedRegex(@"^akamai_log-[0-9]{6}-(?<unix>[0-9]{1,12})-[0-9]{6}-(?<cat>config|login|k8s)\.gz$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}

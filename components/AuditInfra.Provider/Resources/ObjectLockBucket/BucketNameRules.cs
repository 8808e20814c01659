using System.Net;
using System.Text.RegularExpressions;

namespace AuditInfra.Provider.Resources.ObjectLockBucket;

/// <summary>The S3 bucket naming rules (AWS "Bucket naming rules", which Linode Object Storage follows).</summary>
public static partial class BucketNameRules
{
    /// <summary>Null when valid, otherwise why not.</summary>
    public static string? Validate(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return $"must be 3 to 63 characters long, not {name.Length}";
        }

        if (!Allowed().IsMatch(name))
        {
            return "may hold only lowercase letters, digits, hyphens and dots, and must begin and end with a letter or digit";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.Contains(".-", StringComparison.Ordinal) || name.Contains("-.", StringComparison.Ordinal))
        {
            return "must not contain two adjacent dots or a dot next to a hyphen";
        }

        if (IPAddress.TryParse(name, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return "must not be formatted as an IP address";
        }

        if (name.StartsWith("xn--", StringComparison.Ordinal) || name.StartsWith("sthree-", StringComparison.Ordinal) ||
            name.EndsWith("-s3alias", StringComparison.Ordinal) || name.EndsWith("--ol-s3", StringComparison.Ordinal))
        {
            return "must not use a reserved prefix (xn--, sthree-) or suffix (-s3alias, --ol-s3)";
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")]
    private static partial Regex Allowed();
}

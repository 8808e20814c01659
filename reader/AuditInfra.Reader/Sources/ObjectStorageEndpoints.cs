namespace AuditInfra.Reader.Sources;

/// <summary>
/// Which S3 endpoint a reader talks to and which region it signs with, from what the user gave: an endpoint
/// (<c>https://us-ord-1.linodeobjects.com</c>, or the host alone, which means https), a Linode region
/// (<c>us-ord</c>, which gives that region's Object Storage endpoint), or the standard environment variables
/// <c>AWS_ENDPOINT_URL_S3</c> / <c>AWS_ENDPOINT_URL</c>. With none of them there is no endpoint: the reader never
/// falls back to AWS silently.
/// </summary>
/// <remarks>
/// The region table is Linode's published endpoint list, <c>GET /v4/object-storage/endpoints</c> (each entry
/// <c>{region, endpoint_type, s3_endpoint}</c>), as recorded in linodego's test fixtures up to 2026-07. Where a
/// region has more than one endpoint (us-ord: us-ord-1 and us-ord-10; us-lax: us-lax-1 and us-lax-4) the first
/// is listed: a bucket on another one needs <c>--endpoint</c>, which always wins. A Linode cluster id
/// (<c>us-ord-1</c>) is accepted as a region too, since its host is <c>&lt;cluster&gt;.linodeobjects.com</c>.
/// </remarks>
public static class ObjectStorageEndpoints
{
    /// <summary>Linode region id → S3 host (see remarks for the source).</summary>
    public static IReadOnlyDictionary<string, string> ByRegion { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["us-east"] = "us-east-1.linodeobjects.com",
        ["us-southeast"] = "us-southeast-1.linodeobjects.com",
        ["eu-central"] = "eu-central-1.linodeobjects.com",
        ["ap-south"] = "ap-south-1.linodeobjects.com",
        ["us-iad"] = "us-iad-1.linodeobjects.com",
        ["us-ord"] = "us-ord-1.linodeobjects.com",
        ["us-lax"] = "us-lax-1.linodeobjects.com",
        ["us-mia"] = "us-mia-1.linodeobjects.com",
        ["us-sea"] = "us-sea-1.linodeobjects.com",
        ["fr-par"] = "fr-par-1.linodeobjects.com",
        ["nl-ams"] = "nl-ams-1.linodeobjects.com",
        ["se-sto"] = "se-sto-1.linodeobjects.com",
        ["it-mil"] = "it-mil-1.linodeobjects.com",
        ["es-mad"] = "es-mad-1.linodeobjects.com",
        ["br-gru"] = "br-gru-1.linodeobjects.com",
        ["id-cgk"] = "id-cgk-1.linodeobjects.com",
        ["in-maa"] = "in-maa-1.linodeobjects.com",
        ["jp-osa"] = "jp-osa-1.linodeobjects.com",
        ["au-mel"] = "au-mel-1.linodeobjects.com",
        ["gb-lon"] = "gb-lon-1.linodeobjects.com",
        ["de-fra-2"] = "de-fra-1.linodeobjects.com",
        ["jp-tyo-3"] = "jp-tyo-1.linodeobjects.com",
        ["sg-sin-2"] = "sg-sin-1.linodeobjects.com",
    };

    private const string LinodeObjectsSuffix = ".linodeobjects.com";

    /// <summary>The endpoint URL and the signing region for these options.</summary>
    /// <param name="environment">Reads an environment variable; null for the process's.</param>
    /// <exception cref="LogSourceException">No endpoint can be had (code <c>NoEndpoint</c>), or the endpoint is not a URL (<c>InvalidEndpoint</c>).</exception>
    public static (string Url, string SigningRegion) Resolve(S3LogSourceOptions options, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var region = string.IsNullOrWhiteSpace(options.Region) ? null : options.Region.Trim();
        var endpoint = FirstSet(options.Endpoint, environment("AWS_ENDPOINT_URL_S3"), environment("AWS_ENDPOINT_URL"));
        if (endpoint is null)
        {
            if (region is null)
            {
                throw new LogSourceException(
                    "no S3 endpoint: pass --region with the bucket's Linode region (e.g. us-ord) or --endpoint (e.g. https://us-ord-1.linodeobjects.com)", "NoEndpoint");
            }

            endpoint = ForRegion(region) ?? throw new LogSourceException(
                $"--region '{region}' is not a Linode Object Storage region this build knows ({string.Join(", ", ByRegion.Keys)}); " +
                "pass --endpoint with the bucket's S3 endpoint", "NoEndpoint");
        }

        return (Normalize(endpoint), region ?? "us-east-1");
    }

    /// <summary>The endpoint of a Linode region or cluster id, or null when it is neither.</summary>
    public static string? ForRegion(string region)
    {
        if (ByRegion.TryGetValue(region, out var host))
        {
            return "https://" + host;
        }

        // A cluster id (us-ord-10) is the first label of its own host.
        var dash = region.LastIndexOf('-');
        return dash > 0 && dash < region.Length - 1 && region.AsSpan(dash + 1).IndexOfAnyExceptInRange('0', '9') < 0
            && ByRegion.Values.Any(h => h.StartsWith(region[..dash], StringComparison.OrdinalIgnoreCase))
            ? "https://" + region.ToLowerInvariant() + LinodeObjectsSuffix
            : null;
    }

    /// <summary>An endpoint as a URL: a bare host (or host:port) means https.</summary>
    public static string Normalize(string endpoint)
    {
        var text = endpoint.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            throw new LogSourceException($"--endpoint '{endpoint}' is not an S3 endpoint URL like https://us-ord-1.linodeobjects.com", "InvalidEndpoint");
        }

        return text.TrimEnd('/');
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

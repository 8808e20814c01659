using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// The read-ahead's light GET: the SDK signs a short-lived URL (<see cref="AmazonS3Client.GetPreSignedURLAsync"/>,
/// SigV4 query authentication, <c>X-Amz-Algorithm=AWS4-HMAC-SHA256</c>) and one shared <see cref="HttpClient"/> fetches
/// it, skipping the SDK's per-request pipeline (request context, marshalling, retry handlers, response unmarshalling,
/// managed MD5), which costs more CPU than the GET of a few-KiB object itself.
/// <para>
/// It only ever answers "here is the whole, verified body": status 200, a Content-Length equal to the listed size,
/// exactly that many bytes, and, when the ETag is a plain MD5 (32 hex digits; multipart ETags end in <c>-N</c>), the
/// body's MD5 equal to it, as the SDK checks on its own GETs. Anything else is false, with no retry and no message:
/// the reader then opens the object through the SDK, which meets the same failure with its retries and reports it
/// as it always did. The presigned URL holds a signature and the access key id, so it never leaves this type: no
/// failure here is reported, logged or put in an exception that surfaces.
/// </para>
/// Thread-safe.
/// </summary>
internal sealed class PresignedBodyFetcher : IDisposable
{
    /// <summary>Long enough for a request that waits in the read-ahead's queue and a clock a little off; short for a URL.</summary>
    private static readonly TimeSpan UrlLifetime = TimeSpan.FromMinutes(15);

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly Protocol _protocol;
    private readonly string _scheme;
    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _readTimeout;
    private long _served;
    private long _failed;
    private volatile bool _unusable;

    /// <param name="client">The source's client: its credentials, endpoint and signing region sign the URLs.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="endpoint">The endpoint URL the client talks to (its scheme is the URLs' scheme).</param>
    /// <param name="connections">Connections kept to the endpoint (the read-ahead's objects in flight).</param>
    /// <param name="requestTimeout">Longest wait for the answer's headers (S3:RequestTimeout).</param>
    /// <param name="readTimeout">Longest wait for the next bytes of a body (S3:ReadTimeout).</param>
    public PresignedBodyFetcher(AmazonS3Client client, string bucket, string endpoint, int connections, TimeSpan requestTimeout, TimeSpan readTimeout)
    {
        _client = client;
        _bucket = bucket;
        _scheme = new Uri(endpoint).Scheme;
        _protocol = _scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS;
        _requestTimeout = requestTimeout;
        _readTimeout = readTimeout;
        // One connection per fetch in flight; idle connections and proxies as the SDK's own HttpClient has them (the
        // defaults), so the light GET reaches the endpoint the way the SDK does.
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // bounded per request and per read below
        };
    }

    /// <summary>Bodies served whole and verified (tests and diagnostics).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>
    /// False once the light GET cannot work here: the SDK gave a URL that is not SigV4 for the endpoint's scheme, or
    /// the first <see cref="FailuresBeforeGivingUp"/> fetches all failed (an S3-compatible server that does not take
    /// presigned URLs). The read-ahead then goes through the SDK instead of leaving every object to the reader.
    /// </summary>
    public bool Usable => !_unusable;

    private const int FailuresBeforeGivingUp = 16;

    /// <summary>
    /// Fills <paramref name="body"/> (exactly the listed size) with the object's bytes; true only when the answer is
    /// the whole object as listed and, where the ETag is an MD5, as stored. Never throws for a failed fetch.
    /// </summary>
    /// <param name="key">The full object key in the bucket.</param>
    /// <param name="versionId">The version to read, or null for the current one.</param>
    /// <param name="body">Where the body goes; its length is the size the listing gave.</param>
    /// <param name="cancellationToken">Stops the fetch (the result is then false).</param>
    public async Task<bool> TryFetchAsync(string key, string? versionId, Memory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = _bucket,
                Key = key,
                VersionId = versionId,
                Verb = HttpVerb.GET,
                Protocol = _protocol,
                Expires = DateTime.UtcNow + UrlLifetime,
            });
            var uri = new Uri(url);
            // Only SigV4 query authentication, and only to the endpoint's own scheme (AWSSDK v4's endpoint rules may
            // give https for an http endpoint; the scheme is not signed, the host and port are).
            if (!uri.Query.Contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", StringComparison.Ordinal) || uri.Scheme != _scheme)
            {
                _unusable = true;
                return false;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(_requestTimeout);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength != body.Length)
            {
                return Failed();
            }

            await using var stream = await response.Content.ReadAsStreamAsync(bounded.Token);
            // Content-Length equals the listed size, so the handler gives no byte past it: a longer object never
            // reaches here, a shorter or broken body ends early.
            var filled = 0;
            while (filled < body.Length)
            {
                bounded.CancelAfter(_readTimeout);
                var n = await stream.ReadAsync(body[filled..], bounded.Token);
                if (n == 0)
                {
                    return Failed();
                }

                filled += n;
            }

            if (!MatchesETag(response.Headers.ETag?.Tag, body.Span))
            {
                return Failed();
            }

            Interlocked.Increment(ref _served);
            return true;
        }
        catch (Exception)
        {
            // Whatever failed (signing, transport, timeout, cancellation), the reader's own open through the SDK meets
            // it again with its retries and reports it; nothing about it (the URL least of all) is kept or shown.
            return Failed();
        }
    }

    private bool Failed()
    {
        if (Interlocked.Increment(ref _failed) >= FailuresBeforeGivingUp && Served == 0)
        {
            _unusable = true;
        }

        return false;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// True when the ETag is not a plain MD5 (multipart <c>"…-N"</c>, absent, other forms: nothing to check, as for
    /// the SDK) or is the MD5 of the body. S3 gives the ETag of a single-part unencrypted object as its MD5 in hex,
    /// in quotes (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "S3's ETag is an MD5: this checks transfer integrity against it, as the SDK does, not security")]
    internal static bool MatchesETag(string? etag, ReadOnlySpan<byte> body)
    {
        var hex = etag.AsSpan().Trim('"');
        if (hex.Length != 32 || !IsHex(hex))
        {
            return true;
        }

        Span<byte> expected = stackalloc byte[16];
        Convert.FromHexString(hex, expected, out _, out _);
        Span<byte> actual = stackalloc byte[16];
        MD5.HashData(body, actual);
        return actual.SequenceEqual(expected);
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

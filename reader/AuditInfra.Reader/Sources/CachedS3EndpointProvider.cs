using Amazon.Runtime.Endpoints;
using Amazon.S3.Endpoints;
using Amazon.S3.Internal;

namespace AuditInfra.Reader.Sources;

/// <summary>
/// AWSSDK.S3's endpoint provider with the answer kept per bucket, for a client with an explicit endpoint and
/// path-style addressing (how <see cref="S3ClientFactory"/> configures every client). The SDK evaluates its S3
/// endpoint rules (URL parsing, JSON templating, partition tables) for every request; over S3 with objects of a few
/// KiB that was ~13% of <c>verify</c>'s CPU (perf of the native CLI, 13,001 GETs: docs/benchmarks.md), CPU the S3
/// server on the same machine then lacks. With a fixed endpoint and path style the rules give
/// <c>{endpoint}/{bucket}</c> and the signing scheme whatever the object key, so the key (and the listing prefix)
/// is not part of the cache key and is not passed to the rules; every other parameter is. Anything else (no
/// explicit endpoint, virtual-host style, ARNs) goes to the SDK's provider unchanged. Thread-safe.
/// </summary>
internal sealed class CachedS3EndpointProvider : IEndpointProvider
{
    private const int MaxEntries = 64;

    private readonly IEndpointProvider _rules;
    private readonly Lock _gate = new();
    private readonly Dictionary<CacheKey, Endpoint> _resolved = [];

    /// <param name="rules">The provider that evaluates the rules (the SDK's <see cref="AmazonS3EndpointProvider"/> by default).</param>
    public CachedS3EndpointProvider(IEndpointProvider? rules = null) => _rules = rules ?? new AmazonS3EndpointProvider();

    /// <summary>
    /// The endpoint for these parameters: a new <see cref="Endpoint"/> each call (the SDK appends "/" to an answer's
    /// URL for some requests, so a shared instance must not be handed out), sharing the cached attributes and headers,
    /// which the SDK only reads.
    /// </summary>
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters is not S3EndpointParameters s3 || string.IsNullOrEmpty(s3.Endpoint) || s3.ForcePathStyle != true || s3.Bucket is null || s3.Bucket.StartsWith("arn:", StringComparison.Ordinal))
        {
            return _rules.ResolveEndpoint(parameters);
        }

        var key = CacheKey.Of(s3);
        Endpoint? known;
        lock (_gate)
        {
            _resolved.TryGetValue(key, out known);
        }

        if (known is null)
        {
            // Resolved without the key and prefix, so what is cached cannot depend on them.
            var (objectKey, prefix) = (s3.Key, s3.Prefix);
            s3.Key = null;
            s3.Prefix = null;
            try
            {
                known = _rules.ResolveEndpoint(s3);
            }
            finally
            {
                (s3.Key, s3.Prefix) = (objectKey, prefix);
            }

            lock (_gate)
            {
                if (_resolved.Count < MaxEntries)
                {
                    _resolved.TryAdd(key, known);
                }
            }
        }

        return new Endpoint(known.URL) { Attributes = known.Attributes, Headers = known.Headers };
    }

    private readonly record struct CacheKey(
        string Bucket, string? Region, string Endpoint, bool? UseFips, bool? UseDualStack, bool? Accelerate, bool? UseGlobalEndpoint,
        bool? UseObjectLambdaEndpoint, string? CopySource, bool? DisableAccessPoints, bool? DisableMultiRegionAccessPoints, bool? UseArnRegion,
        bool? UseS3ExpressControlEndpoint, bool? DisableS3ExpressSessionAuth)
    {
        public static CacheKey Of(S3EndpointParameters p) => new(
            p.Bucket, p.Region, p.Endpoint, p.UseFIPS, p.UseDualStack, p.Accelerate, p.UseGlobalEndpoint, p.UseObjectLambdaEndpoint, p.CopySource,
            p.DisableAccessPoints, p.DisableMultiRegionAccessPoints, p.UseArnRegion, p.UseS3ExpressControlEndpoint, p.DisableS3ExpressSessionAuth);
    }
}

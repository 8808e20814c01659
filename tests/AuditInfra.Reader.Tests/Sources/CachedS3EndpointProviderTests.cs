using Amazon.Runtime.Endpoints;
using Amazon.S3.Endpoints;
using Amazon.S3.Internal;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Tests.Sources;

public class CachedS3EndpointProviderTests
{
    private static S3EndpointParameters Parameters(string bucket, string? key = null, string? prefix = null, bool pathStyle = true, string? endpoint = "http://127.0.0.1:7480") => new()
    {
        Bucket = bucket,
        Key = key,
        Prefix = prefix,
        Region = "us-east-1",
        Endpoint = endpoint,
        ForcePathStyle = pathStyle,
        UseFIPS = false,
        UseDualStack = false,
        Accelerate = false,
        UseGlobalEndpoint = false,
        DisableMultiRegionAccessPoints = false,
        UseArnRegion = true,
    };

    [Theory]
    [InlineData("audit", "audit_logs/com.akamai.audit/ACC/2026/11/01/a.gz", null)]
    [InlineData("audit", "other key with spaces/ünï.gz", null)]
    [InlineData("audit", null, "audit_logs/com.akamai.audit/")]
    [InlineData("second-bucket", "k", null)]
    public void Gives_what_the_sdk_rules_give_for_every_key_of_a_bucket(string bucket, string? key, string? prefix)
    {
        var rules = new AmazonS3EndpointProvider();
        var cached = new CachedS3EndpointProvider();
        cached.ResolveEndpoint(Parameters(bucket, "warm-up/another-key"));

        var parameters = Parameters(bucket, key, prefix);
        var got = cached.ResolveEndpoint(parameters);
        var want = rules.ResolveEndpoint(Parameters(bucket, key, prefix));

        Assert.Equal(want.URL, got.URL);
        Assert.Equal(Scheme(want), Scheme(got));
        Assert.Equal(want.Headers?.Count ?? 0, got.Headers?.Count ?? 0);
        Assert.Equal(key, parameters.Key); // the caller's parameters are left as they were
        Assert.Equal(prefix, parameters.Prefix);
    }

    [Fact]
    public void Hands_out_a_new_endpoint_each_time_so_the_sdks_trailing_slash_stays_on_one_request()
    {
        var cached = new CachedS3EndpointProvider();
        var first = cached.ResolveEndpoint(Parameters("audit", "a"));
        first.URL += "/";
        var second = cached.ResolveEndpoint(Parameters("audit", "b"));

        Assert.NotSame(first, second);
        Assert.Equal("http://127.0.0.1:7480/audit", second.URL);
    }

    [Fact]
    public void Resolves_each_bucket_once_and_leaves_other_addressing_to_the_rules()
    {
        var counting = new CountingProvider();
        var cached = new CachedS3EndpointProvider(counting);
        for (var i = 0; i < 5; i++)
        {
            cached.ResolveEndpoint(Parameters("audit", $"key-{i}"));
            cached.ResolveEndpoint(Parameters("other", $"key-{i}"));
        }

        Assert.Equal(2, counting.Calls);

        cached.ResolveEndpoint(Parameters("audit", "k", pathStyle: false));
        cached.ResolveEndpoint(Parameters("audit", "k", pathStyle: false));
        Assert.Equal(4, counting.Calls);
    }

    private static string Scheme(Endpoint endpoint)
    {
        var schemes = (System.Collections.IList)endpoint.Attributes["authSchemes"];
        var scheme = (PropertyBag)schemes[0]!;
        return $"{scheme["name"]} {scheme["signingName"]} {scheme["signingRegion"]} {scheme["disableDoubleEncoding"]}";
    }

    private sealed class CountingProvider : IEndpointProvider
    {
        private readonly AmazonS3EndpointProvider _rules = new();

        public int Calls { get; private set; }

        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            Calls++;
            return _rules.ResolveEndpoint(parameters);
        }
    }
}

using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Tests.Sources;

public class ObjectStorageEndpointsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Theory]
    [InlineData("us-ord-1.linodeobjects.com", null, "https://us-ord-1.linodeobjects.com", "us-east-1")]
    [InlineData("https://us-ord-1.linodeobjects.com/", "us-ord", "https://us-ord-1.linodeobjects.com", "us-ord")]
    [InlineData("http://127.0.0.1:7480", null, "http://127.0.0.1:7480", "us-east-1")]
    [InlineData("127.0.0.1:7480", null, "https://127.0.0.1:7480", "us-east-1")]
    [InlineData(null, "us-ord", "https://us-ord-1.linodeobjects.com", "us-ord")]
    [InlineData(null, "GB-LON", "https://gb-lon-1.linodeobjects.com", "GB-LON")]
    [InlineData(null, "de-fra-2", "https://de-fra-1.linodeobjects.com", "de-fra-2")]
    [InlineData(null, "us-ord-10", "https://us-ord-10.linodeobjects.com", "us-ord-10")]
    [InlineData("https://us-ord-10.linodeobjects.com", "us-ord", "https://us-ord-10.linodeobjects.com", "us-ord")]
    public void The_endpoint_comes_from_the_flag_or_the_linode_region_and_signs_with_the_region(string? endpoint, string? region, string url, string signing)
    {
        var resolved = ObjectStorageEndpoints.Resolve(new S3LogSourceOptions { Endpoint = endpoint, Region = region }, NoEnvironment);
        Assert.Equal((url, signing), resolved);
    }

    [Fact]
    public void The_standard_environment_variables_are_the_fallback()
    {
        var environment = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9000", ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9001" };
        Assert.Equal("http://127.0.0.1:9001", ObjectStorageEndpoints.Resolve(new S3LogSourceOptions(), n => environment.GetValueOrDefault(n)).Url);
        environment.Remove("AWS_ENDPOINT_URL_S3");
        Assert.Equal("http://127.0.0.1:9000", ObjectStorageEndpoints.Resolve(new S3LogSourceOptions(), n => environment.GetValueOrDefault(n)).Url);
    }

    [Theory]
    [InlineData(null, null, "NoEndpoint", "no S3 endpoint: pass --region")]
    [InlineData(null, "us-east-9000x", "NoEndpoint", "is not a Linode Object Storage region")]
    [InlineData(null, "eu-west-1", "NoEndpoint", "is not a Linode Object Storage region")]
    [InlineData("ftp://example", null, "InvalidEndpoint", "is not an S3 endpoint URL")]
    [InlineData("https://", null, "InvalidEndpoint", "is not an S3 endpoint URL")]
    public void Without_a_usable_endpoint_there_is_one_clear_error_and_never_aws(string? endpoint, string? region, string code, string message)
    {
        var ex = Assert.Throws<LogSourceException>(() => ObjectStorageEndpoints.Resolve(new S3LogSourceOptions { Endpoint = endpoint, Region = region }, NoEnvironment));
        Assert.Equal(code, ex.ErrorCode);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}

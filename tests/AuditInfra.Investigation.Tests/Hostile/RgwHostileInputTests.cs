using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Hostile;

/// <summary>The bomb-shaped objects of <see cref="HostileDelivery"/> in a real Ceph RGW bucket: the same parts and caps over S3.</summary>
public sealed class RgwHostileInputTests : IDisposable
{
    private readonly TempDirectory _dir = new("hostile-rgw");

    public RgwHostileInputTests()
    {
        RgwEnvironment.Ensure();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Export_and_detect_over_a_bucket_read_every_record_and_stop_bad_objects_at_the_cap()
    {
        var server = S3TestServer.Instance;
        var bucket = await server.CreateBucketAsync("hostile");
        await HostileDelivery.UploadAsync(bucket);
        var settings = HostileDelivery.WriteSettings(_dir.Path);
        string[] source = ["--source", $"s3://{bucket}", "--endpoint", server.Endpoint, "--config", settings, "--from", "2026-11-01", "--to", "2026-11-01"];

        var (exit, output, error) = await CliRunner.RunAsync(["export", .. source, "--format", "jsonl"]).WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 3, error); // the bad object was not read whole: read incompletely
        Assert.Equal(HostileDelivery.ExpectedIds(), CliRunner.Ids(output));
        HostileInputCommandTests.AssertSkipped(error);

        (exit, _, error) = await CliRunner.RunAsync(["detect", .. source, "--format", "json"]).WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 3, error); // read incompletely wins over a detection
        HostileInputCommandTests.AssertSkipped(error);
    }
}

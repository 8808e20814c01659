using System.Text.Json;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>detect over a folder: the sample's detections with evidence, JSON shape and exit codes.</summary>
public class DetectCommandTests : IClassFixture<SampleFolder>
{
    private readonly SampleFolder _sample;

    public DetectCommandTests(SampleFolder sample)
    {
        _sample = sample;
    }

    internal static void AssertSampleDetections(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var detections = doc.RootElement.GetProperty("detections").EnumerateArray().ToArray();
        Assert.Equal(
            ["audit-pipeline-tampering", "k8s-exec", "k8s-secrets-access", "mfa-disabled", "token-created"],
            detections.Select(d => d.GetProperty("rule").GetString()!).Order(StringComparer.Ordinal));
        var tampering = detections.Single(d => d.GetProperty("rule").GetString() == "audit-pipeline-tampering");
        Assert.Equal("critical", tampering.GetProperty("severity").GetString());
        Assert.Equal("carol", tampering.GetProperty("actor").GetString());
        Assert.Equal("192.0.2.99", tampering.GetProperty("ip").GetString());
        Assert.Equal(1, tampering.GetProperty("count").GetInt32());
        Assert.Equal("2026-11-02T12:00:00.000Z", tampering.GetProperty("first").GetString());
        var evidence = Assert.Single(tampering.GetProperty("evidence").EnumerateArray());
        Assert.EndsWith("-config.gz", evidence.GetProperty("object").GetString(), StringComparison.Ordinal);
        Assert.Contains("/2026/11/02/", evidence.GetProperty("object").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, evidence.GetProperty("line").GetInt32());
        Assert.Equal("c5", evidence.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Detect_reports_each_fired_rule_with_evidence_and_exits_1()
    {
        var (exit, output, error) = await CliRunner.RunAsync("detect", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json");
        Assert.True(exit == 3, error); // detections fired, and day 1's bad line was skipped: 3 wins over 1
        AssertSampleDetections(output);

        var (textExit, text, _) = await CliRunner.RunAsync("detect", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03");
        Assert.Equal(3, textExit);
        Assert.Contains("CRITICAL audit-pipeline-tampering", text, StringComparison.Ordinal);
        Assert.Contains("5 detection(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_tampering_through_the_s3_api_is_detected_and_query_takes_the_s3_family()
    {
        using var dir = new TempDirectory("detect-s3");
        var source = dir.Combine("bucket");
        var at = Sample.At(Sample.Day1, 14, 0);
        var delivery = new DeliveryBuilder();
        delivery.AddConfig(Sample.Day1,
            DeliveryBuilder.Config("s3-a", at, "s3-CreateBucket", actor: "eli"),
            DeliveryBuilder.Config("s3-b", at.AddMinutes(1), "s3-PutObjectLockConfiguration", actor: "eli"),
            DeliveryBuilder.Config("s3-c", at.AddMinutes(2), "s3-DeleteBucket", actor: "eli"));
        delivery.WriteTo(source);

        var (exit, output, error) = await CliRunner.RunAsync("detect", "--source", source, "--from", "2026-11-01", "--to", "2026-11-01", "--format", "json");
        Assert.True(exit == 1, error);
        using var doc = JsonDocument.Parse(output);
        var detection = Assert.Single(doc.RootElement.GetProperty("detections").EnumerateArray());
        Assert.Equal("audit-pipeline-tampering", detection.GetProperty("rule").GetString());
        Assert.Equal(2, detection.GetProperty("count").GetInt32()); // the lock change and the delete, not the create

        (exit, output, error) = await CliRunner.RunAsync("query", "--source", source, "--from", "2026-11-01", "--to", "2026-11-02", "--code", "s3*", "--format", "jsonl");
        Assert.True(exit == 0, error);
        var actions = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("action").GetString());
        Assert.Equal(["create", "update", "delete"], actions);

        (exit, output, error) = await CliRunner.RunAsync("query", "--source", source, "--from", "2026-11-01", "--to", "2026-11-02", "--action", "delete", "--format", "jsonl");
        Assert.True(exit == 0, error);
        Assert.Contains("s3-DeleteBucket", Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_exits_0_when_nothing_fires_and_settings_switch_rules_off()
    {
        var (exit, output, _) = await CliRunner.RunAsync("detect", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-01", "--stream", "sign-in", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal(0, JsonDocument.Parse(output).RootElement.GetProperty("detections").GetArrayLength());

        using var dir = new TempDirectory("detect-config");
        var config = dir.Combine("settings.json");
        // Tolerance 0: day 1's folder, with its bad line, is not read for day 2's first minutes (that would exit 3).
        await File.WriteAllTextAsync(config, """{"PartitionToleranceMinutes": 0, "Detections": {"Disabled": ["k8s-exec", "k8s-secrets-access", "mfa-disabled", "token-created", "audit-pipeline-tampering"]}}""");
        var (quiet, _, _) = await CliRunner.RunAsync("detect", "--source", _sample.Source, "--from", "2026-11-02", "--to", "2026-11-03", "--config", config);
        Assert.Equal(0, quiet);
    }
}

/// <summary>detect settings from AUDITINFRA_ environment variables (run alone: they are process-wide).</summary>
[Collection(EnvironmentCollection.Name)]
public class DetectEnvironmentTests : IClassFixture<SampleFolder>
{
    private readonly SampleFolder _sample;

    public DetectEnvironmentTests(SampleFolder sample)
    {
        _sample = sample;
    }

    [Fact]
    public async Task Thresholds_come_from_the_environment_too()
    {
        // Two deletions by bob on different days: with a threshold of 2 in a 2-day window they are a mass deletion.
        Environment.SetEnvironmentVariable("AUDITINFRA_Detections__MassDeletion__Threshold", "2");
        Environment.SetEnvironmentVariable("AUDITINFRA_Detections__MassDeletion__Window", "2.00:00:00");
        try
        {
            var (exit, output, _) = await CliRunner.RunAsync("detect", "--source", _sample.Source, "--from", "2026-11-01", "--to", "2026-11-03", "--format", "json");
            Assert.Equal(3, exit); // fired, and day 1's bad line was skipped: read incompletely wins over 1
            Assert.Contains("\"mass-deletion\"", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AUDITINFRA_Detections__MassDeletion__Threshold", null);
            Environment.SetEnvironmentVariable("AUDITINFRA_Detections__MassDeletion__Window", null);
        }
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using AuditInfra.TestSupport;

namespace AuditInfra.Provider.Tests;

/// <summary>The package schema YAML type-checks Pulumi.yaml against (pitfall 22), and Pulumi.yaml's use of it.</summary>
public sealed partial class SchemaTests
{
    [Fact]
    public async Task Schema_declares_config_resources_and_components_with_secrets_and_replacements()
    {
        var schema = await LoadAsync();

        Assert.Equal("auditinfra", (string?)schema["name"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string?)schema["version"]);
        var config = schema["config"]!["variables"]!.AsObject();
        Assert.Equal(["accessKey", "region", "s3Endpoint", "secretKey"], config.Select(kv => kv.Key).Order());
        Assert.True((bool?)config["accessKey"]!["secret"]);
        Assert.True((bool?)config["secretKey"]!["secret"]);
        Assert.Equal(config.ToJsonString(), schema["provider"]!["inputProperties"]!.ToJsonString());

        var bucket = schema["resources"]!["auditinfra:index:ObjectLockBucket"]!;
        Assert.Equal(["bucketName", "retention"], bucket["requiredInputs"]!.AsArray().Select(n => (string)n!));
        Assert.True((bool?)bucket["inputProperties"]!["bucketName"]!["replaceOnChanges"]);
        Assert.Null(bucket["inputProperties"]!["retention"]!["replaceOnChanges"]);
        Assert.Equal("#/types/auditinfra:index:Retention", (string?)bucket["inputProperties"]!["retention"]!["$ref"]);
        Assert.NotNull(bucket["properties"]!["hostname"]);
        Assert.Equal(["mode"], schema["types"]!["auditinfra:index:Retention"]!["required"]!.AsArray().Select(n => (string)n!));

        var pipeline = schema["resources"]!["auditinfra:index:AuditLogPipeline"]!;
        Assert.True((bool?)pipeline["isComponent"]);
        Assert.True((bool?)pipeline["properties"]!["readerSecretKey"]!["secret"]);
        Assert.True((bool?)pipeline["properties"]!["sealerSecretKey"]!["secret"]);
        Assert.True((bool?)schema["resources"]!["auditinfra:index:AuditedLkeCluster"]!["isComponent"]);
        foreach (var (token, spec) in schema["resources"]!.AsObject())
        {
            Assert.StartsWith("auditinfra:", token);
            Assert.False(string.IsNullOrEmpty((string?)spec!["description"]), token);
            Assert.DoesNotContain(spec["inputProperties"]!.AsObject(), kv => kv.Key is "id" or "urn" or "pulumi");
        }
    }

    [Fact]
    public async Task Every_type_and_property_Pulumi_yaml_uses_is_in_the_schema()
    {
        var schema = await LoadAsync();
        var yaml = await File.ReadAllTextAsync(RepoPaths.Combine("Pulumi.yaml"));
        var resources = schema["resources"]!.AsObject();

        foreach (Match type in TypeLine().Matches(yaml))
        {
            Assert.True(resources.ContainsKey(type.Groups[1].Value), $"Pulumi.yaml uses {type.Groups[1].Value}, which the schema lacks");
        }

        var pipelineInputs = resources["auditinfra:index:AuditLogPipeline"]!["inputProperties"]!.AsObject();
        foreach (var input in new[] { "region", "bucketName", "retention", "path", "lkeClusterIds", "readerKey", "sealerKey" })
        {
            Assert.True(pipelineInputs.ContainsKey(input), input);
        }

        var clusterInputs = resources["auditinfra:index:AuditedLkeCluster"]!["inputProperties"]!.AsObject();
        foreach (var input in new[] { "label", "region", "k8sVersion", "tier", "pools" })
        {
            Assert.True(clusterInputs.ContainsKey(input), input);
        }

        foreach (Match output in OutputReference().Matches(yaml))
        {
            var token = output.Groups[1].Value == "auditPipeline" ? "auditinfra:index:AuditLogPipeline" : "auditinfra:index:AuditedLkeCluster";
            Assert.True(resources[token]!["properties"]!.AsObject().ContainsKey(output.Groups[2].Value), $"{output.Value} is not an output of {token}");
        }
    }

    private static async Task<JsonObject> LoadAsync()
    {
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        var response = await plugin.CallAsync("GetSchema", new SchemaRequest(), SchemaResponse.Parser);
        return JsonNode.Parse(response.Schema)!.AsObject();
    }

    [GeneratedRegex(@"type:\s*(auditinfra:[A-Za-z:]+)")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"\$\{(auditPipeline|auditedCluster)\.([A-Za-z]+)\}")]
    private static partial Regex OutputReference();
}

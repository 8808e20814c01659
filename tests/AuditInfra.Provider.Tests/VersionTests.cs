using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests;

/// <summary>One product version, set once in Directory.Build.props, everywhere a user or the engine reads one.</summary>
public sealed partial class VersionTests
{
    [Fact]
    public async Task GetPluginInfo_the_schema_the_policy_pack_and_the_install_line_report_the_version_set_once()
    {
        var version = SetOnce().Match(File.ReadAllText(RepoPaths.Combine("Directory.Build.props"))).Groups[1].Value;
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);

        var info = await plugin.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser);
        var schema = JsonNode.Parse((await plugin.CallAsync("GetSchema", new SchemaRequest(), SchemaResponse.Parser)).Schema)!;

        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        Assert.Equal(version, info.Version);
        Assert.Equal(version, (string?)schema["version"]);
        Assert.Contains($"\nversion: {version}\n", File.ReadAllText(RepoPaths.Combine("stacks", "policy-pack", "PulumiPolicy.yaml")));
        Assert.Contains($"pulumi plugin install resource auditinfra {version} ", File.ReadAllText(RepoPaths.Combine("docs", "provider.md")));
    }

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex SetOnce();
}

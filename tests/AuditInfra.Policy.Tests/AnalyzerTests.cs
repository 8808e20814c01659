using System.Text.Json.Nodes;
using AuditInfra.Policy.Analyzer.Protocol;
using AuditInfra.Policy.Tests.Support;
using AuditInfra.TestSupport;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// The policy pack plugin over real HTTP/2: it describes every rule, finds nothing in the committed prod stack as
/// the engine would hand it over (AnalyzeStack: every resource with its properties and property dependencies,
/// no ids), and returns a MANDATORY diagnostic for a weakened resource.
/// </summary>
public sealed class AnalyzerTests
{
    /// <summary>What AnalyzeStack receives for the resources of a preview fixture: properties, parent, protect, dependencies.</summary>
    private static AnalyzeStackRequest StackRequest(PreviewFixture preview)
    {
        var request = new AnalyzeStackRequest();
        var steps = preview.Document["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        string UrnOf(string name) => steps.Single(s => s["urn"]!.GetValue<string>().EndsWith("::" + name, StringComparison.Ordinal))["urn"]!.GetValue<string>();
        var links = new Dictionary<string, (string Property, string[] Targets)[]>
        {
            ["auditPipeline-audit-stream"] = [("destinations", ["auditPipeline-destination"])],
            ["auditPipeline-lke-stream"] = [("destinations", ["auditPipeline-destination"]), ("details", ["auditedCluster-cluster"])],
            ["auditPipeline-destination"] = [("akamaiObjectStorageDetails", ["auditPipeline-destination-key", "auditPipeline-bucket"])],
        };
        foreach (var step in steps)
        {
            var state = step["newState"]!.AsObject();
            var urn = state["urn"]!.GetValue<string>();
            var name = urn[(urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..];
            var properties = (state["inputs"]?.DeepClone() as JsonObject) ?? [];
            foreach (var (key, value) in (state["outputs"] as JsonObject) ?? [])
            {
                properties[key] = value?.DeepClone();
            }

            var resource = new AnalyzerResource
            {
                Type = state["type"]!.GetValue<string>(),
                Urn = urn,
                Name = name,
                Properties = Struct.Parser.ParseJson(properties.ToJsonString()),
                Parent = state["parent"]?.GetValue<string>() ?? "",
                Options = new AnalyzerResourceOptions { Protect = state["protect"]?.GetValue<bool>() == true },
            };
            foreach (var (property, targets) in links.GetValueOrDefault(name, []))
            {
                var dependencies = new AnalyzerPropertyDependencies();
                dependencies.Urns.AddRange(targets.Select(UrnOf));
                resource.PropertyDependencies[property] = dependencies;
                resource.Dependencies.AddRange(dependencies.Urns);
            }

            request.Resources.Add(resource);
        }

        return request;
    }

    [Fact]
    public async Task Plugin_serves_its_info_and_every_rule()
    {
        using var pack = new TempDirectory("pack");
        await using var analyzer = await AnalyzerProcess.StartAsync(pack.Path, "prod");
        var (status, plugin) = await analyzer.CallAsync("GetPluginInfo", new Empty(), PluginInfo.Parser);
        Assert.Equal((0, "0.1.0"), (status, plugin!.Version));
        var (_, info) = await analyzer.CallAsync("GetAnalyzerInfo", new Empty(), AnalyzerInfo.Parser);
        Assert.Equal("auditinfra", info!.Name);
        Assert.Equal(Rules.RuleCatalog.All.Select(r => r.Info.Name), info.Policies.Select(p => p.Name));
        Assert.Contains(info.Policies, p => p.Name == "compliance-mode-in-prod" && p.EnforcementLevel == EnforcementLevel.Mandatory);
        Assert.Contains(info.Policies, p => p.Name == "governance-mode-noted" && p.EnforcementLevel == EnforcementLevel.Advisory);
    }

    [Fact]
    public async Task Methods_it_does_not_serve_answer_unimplemented()
    {
        using var pack = new TempDirectory("pack");
        await using var analyzer = await AnalyzerProcess.StartAsync(pack.Path, "prod");
        var (status, _) = await analyzer.CallAsync("Handshake", new Empty(), Empty.Parser);
        Assert.Equal(12, status);
    }

    [Fact]
    public async Task Sigint_stops_it_cleanly_as_the_engine_does_at_shutdown()
    {
        using var pack = new TempDirectory("pack");
        await using var analyzer = await AnalyzerProcess.StartAsync(pack.Path, "prod");
        Assert.Equal(0, await analyzer.InterruptAsync());
    }

    [Fact]
    public async Task Deeply_nested_properties_are_read_past_protobufs_default_recursion_limit()
    {
        // 60 JSON levels are about 180 protobuf levels: past Google.Protobuf's default limit of 100, which the
        // engine's own messages can reach with nested component inputs.
        const int depth = 60;
        var json = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        using var pack = new TempDirectory("pack");
        await using var analyzer = await AnalyzerProcess.StartAsync(pack.Path, "prod");
        var request = new AnalyzeRequest
        {
            Type = "example:index:Nested",
            Urn = "urn:pulumi:prod::audit-logs::example:index:Nested::deep",
            Name = "deep",
            // Google.Protobuf 3.36's JSON parser counts a Struct and its Value as levels of its own: allow them here.
            Properties = new JsonParser(JsonParser.Settings.Default.WithRecursionLimit(1000)).Parse<Struct>(json),
        };
        var (status, response) = await analyzer.CallAsync("Analyze", request, AnalyzeResponse.Parser);
        Assert.Equal(0, status);
        Assert.Empty(response!.Diagnostics);
    }

    [Fact]
    public async Task Committed_prod_stack_passes_and_a_writing_reader_key_is_mandatory()
    {
        using var pack = new TempDirectory("pack");
        await using var analyzer = await AnalyzerProcess.StartAsync(pack.Path, "prod");
        var (status, clean) = await analyzer.CallAsync("AnalyzeStack", StackRequest(PreviewFixture.Load("prod")), AnalyzeResponse.Parser);
        Assert.Equal(0, status);
        Assert.Empty(clean!.Diagnostics);

        var weakened = PreviewFixture.Load("prod").Change("auditPipeline-reader-key", s => s["newState"]!["inputs"]!["bucketAccesses"]![0]!["permissions"] = "read_write");
        var (_, response) = await analyzer.CallAsync("AnalyzeStack", StackRequest(weakened), AnalyzeResponse.Parser);
        var diagnostic = Assert.Single(response!.Diagnostics);
        Assert.Equal(("reader-key-read-only", EnforcementLevel.Mandatory, "auditinfra"), (diagnostic.PolicyName, diagnostic.EnforcementLevel, diagnostic.PolicyPackName));
        Assert.EndsWith("::auditPipeline-reader-key", diagnostic.Urn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_links_without_ids_are_followed_through_property_dependencies()
    {
        using var pack = new TempDirectory("pack");
        await using var analyzer = await AnalyzerProcess.StartAsync(pack.Path, "prod");
        var request = StackRequest(PreviewFixture.Load("prod"));
        // The engine sends no ids: a stream whose destination dependency is gone points outside the stack.
        var stream = request.Resources.Single(r => r.Name == "auditPipeline-audit-stream");
        stream.PropertyDependencies.Clear();
        stream.Dependencies.Clear();
        stream.Properties.Fields["destinations"] = Value.ForList(Value.ForNumber(777));
        var (_, response) = await analyzer.CallAsync("AnalyzeStack", request, AnalyzeResponse.Parser);
        Assert.Equal("stream-delivers-to-locked-bucket", Assert.Single(response!.Diagnostics).PolicyName);
    }

    [Fact]
    public async Task Analyze_checks_one_resource_against_its_environment()
    {
        using var pack = new TempDirectory("pack");
        var bucket = new AnalyzeRequest
        {
            Type = "auditinfra:index:ObjectLockBucket",
            Urn = "urn:pulumi:prod::audit-logs::auditinfra:index:ObjectLockBucket::logs",
            Name = "logs",
            Properties = Struct.Parser.ParseJson("""{"bucketName": "b", "retention": {"mode": "GOVERNANCE", "days": 30}}"""),
            Options = new AnalyzerResourceOptions { Protect = true },
        };
        await using (var prod = await AnalyzerProcess.StartAsync(pack.Path, "prod"))
        {
            var (_, response) = await prod.CallAsync("Analyze", bucket, AnalyzeResponse.Parser);
            Assert.Equal(["compliance-mode-in-prod", "minimum-retention"], response!.Diagnostics.Select(d => d.PolicyName).Order(StringComparer.Ordinal));
            Assert.All(response.Diagnostics, d => Assert.Equal((EnforcementLevel.Mandatory, bucket.Urn), (d.EnforcementLevel, d.Urn)));
        }

        File.WriteAllText(Path.Combine(pack.Path, "policy.yaml"), "suppressions:\n  - rule: AUDIT003\n    reason: dev is cleaned up by hand\n");
        await using var dev = await AnalyzerProcess.StartAsync(pack.Path, "acme/dev");
        var (_, devResponse) = await dev.CallAsync("Analyze", bucket, AnalyzeResponse.Parser);
        Assert.Empty(devResponse!.Diagnostics);
    }
}

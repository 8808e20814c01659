using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Tests.Harness;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// Construct against a fake ResourceMonitor: the registered graph — types, names, parents, inputs with linode's
/// exact property names, providers and version pin, dependencies, secret outputs — as Pulumi's mocks let a
/// program be tested.
/// </summary>
public sealed class ConstructTests
{
    private const string Stack = "urn:pulumi:test::audit-logs::pulumi:pulumi:Stack::audit-logs-test";
    private const string Pipeline = "auditinfra:index:AuditLogPipeline";
    private const string LinodeProvider = "urn:pulumi:test::audit-logs::pulumi:providers:linode::default_6_6_0::1234";
    private static readonly string ClusterUrn = FakeResourceMonitor.Urn("auditinfra:index:AuditedLkeCluster", "auditedCluster");

    [Fact]
    public async Task Pipeline_registers_the_whole_chain_under_the_component()
    {
        await using var monitor = await FakeResourceMonitor.StartAsync(preview: false);
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);

        var response = await plugin.CallAsync("Construct", PipelineRequest(monitor, dryRun: false), ConstructResult.Parser);

        var names = monitor.Registrations.Select(r => (r.Type, r.Name)).ToArray();
        Assert.Equal(
            [
                (Pipeline, "auditPipeline"),
                ("auditinfra:index:ObjectLockBucket", "auditPipeline-bucket"),
                ("linode:index/objectStorageKey:ObjectStorageKey", "auditPipeline-destination-key"),
                ("linode:index/monitorLogsDestination:MonitorLogsDestination", "auditPipeline-destination"),
                ("linode:index/monitorLogsStream:MonitorLogsStream", "auditPipeline-audit-stream"),
                ("linode:index/monitorLogsStream:MonitorLogsStream", "auditPipeline-lke-stream"),
                ("linode:index/objectStorageKey:ObjectStorageKey", "auditPipeline-reader-key"),
                ("linode:index/objectStorageKey:ObjectStorageKey", "auditPipeline-sealer-key"),
            ],
            names);
        var component = monitor.Single("auditPipeline");
        Assert.False(component.Custom);
        Assert.Equal(Stack, component.Parent);
        Assert.True(component.Protect);
        Assert.Equal("pipeline", Assert.Single(component.Aliases).Spec.Name);
        Assert.True(component.AliasSpecs);
        Assert.Equal(response.Urn, FakeResourceMonitor.Urn(Pipeline, "auditPipeline"));
        foreach (var child in monitor.Registrations.Skip(1))
        {
            Assert.True(child.Custom);
            Assert.Equal(response.Urn, child.Parent);
            Assert.True(child.Protect); // inherited from the component, as the SDKs do
            Assert.True(child.AcceptSecrets);
            Assert.Equal(child.Type.StartsWith("linode:", StringComparison.Ordinal) ? LinodeProvider : string.Empty, child.Provider);
            Assert.Equal(child.Type.StartsWith("linode:", StringComparison.Ordinal) ? "6.6.0" : "0.1.0", child.Version);
        }

        var bucket = monitor.Single("auditPipeline-bucket").Object.Fields;
        Assert.Equal("acme-audit-logs-dev", bucket["bucketName"].StringValue);
        Assert.Equal("GOVERNANCE", bucket["retention"].StructValue.Fields["mode"].StringValue);

        var bucketUrn = FakeResourceMonitor.Urn("auditinfra:index:ObjectLockBucket", "auditPipeline-bucket", Pipeline);
        var writer = monitor.Single("auditPipeline-destination-key");
        var access = Assert.Single(writer.Object.Fields["bucketAccesses"].ListValue.Values).StructValue.Fields;
        Assert.Equal(("acme-audit-logs-dev", "read_write", "us-ord"), (access["bucketName"].StringValue, access["permissions"].StringValue, access["region"].StringValue));
        Assert.Contains(bucketUrn, writer.Dependencies);
        Assert.Contains("secretKey", writer.AdditionalSecretOutputs);

        var destination = monitor.Single("auditPipeline-destination");
        Assert.Equal("akamai_object_storage", destination.Object.Fields["type"].StringValue);
        var details = destination.Object.Fields["akamaiObjectStorageDetails"].StructValue.Fields;
        Assert.Equal(["accessKeyId", "accessKeySecret", "bucketName", "host", "path"], details.Keys.Order());
        Assert.StartsWith("AK", details["accessKeyId"].StringValue);
        Assert.True(Props.IsSecret(details["accessKeySecret"]));
        Assert.Equal("acme-audit-logs-dev.us-ord-1.linodeobjects.com", details["host"].StringValue);
        Assert.Equal("ds-logs", details["path"].StringValue);
        var writerUrn = FakeResourceMonitor.Urn("linode:index/objectStorageKey:ObjectStorageKey", "auditPipeline-destination-key", Pipeline);
        Assert.Contains(writerUrn, destination.Dependencies);
        Assert.Contains(bucketUrn, destination.PropertyDependencies["akamaiObjectStorageDetails"].Urns);

        var stream = monitor.Single("auditPipeline-audit-stream").Object.Fields;
        Assert.Equal("audit_logs", stream["type"].StringValue);
        Assert.Equal(Value.KindOneofCase.NumberValue, Assert.Single(stream["destinations"].ListValue.Values).KindCase);
        Assert.Equal("active", stream["status"].StringValue);

        var lke = monitor.Single("auditPipeline-lke-stream");
        Assert.Equal("lke_audit_logs", lke.Object.Fields["type"].StringValue);
        Assert.Equal(4321, Assert.Single(lke.Object.Fields["details"].StructValue.Fields["clusterIds"].ListValue.Values).NumberValue);
        Assert.Contains(ClusterUrn, lke.Dependencies); // from the component's inputDependencies
        Assert.Equal("read_only", monitor.Single("auditPipeline-reader-key").Object.Fields["bucketAccesses"].ListValue.Values[0].StructValue.Fields["permissions"].StringValue);

        // The sealing job's own key: read_write on this bucket only, not the destination's key (docs/integrity.md).
        var sealer = monitor.Single("auditPipeline-sealer-key");
        var sealerAccess = Assert.Single(sealer.Object.Fields["bucketAccesses"].ListValue.Values).StructValue.Fields;
        Assert.Equal(("acme-audit-logs-dev", "read_write"), (sealerAccess["bucketName"].StringValue, sealerAccess["permissions"].StringValue));
        Assert.Equal("acme-audit-logs-dev-logs-sealer", sealer.Object.Fields["label"].StringValue);
        Assert.Contains("secretKey", sealer.AdditionalSecretOutputs);

        var outputs = Assert.Single(monitor.Outputs);
        Assert.Equal(response.Urn, outputs.Urn);
        Assert.True(Props.IsSecret(outputs.Outputs.Fields["readerSecretKey"]));
        Assert.True(Props.IsSecret(outputs.Outputs.Fields["readerAccessKey"]));
        Assert.False(Props.IsSecret(outputs.Outputs.Fields["destinationId"]));
        Assert.Equal(["bucketName", "destinationId", "hostname", "lkeStreamId", "readerAccessKey", "readerSecretKey", "sealerAccessKey", "sealerSecretKey", "streamId"], response.State.Fields.Keys.Order());
        Assert.True(Props.IsSecret(response.State.Fields["sealerSecretKey"]));
        Assert.True(Props.IsSecret(response.State.Fields["sealerAccessKey"]));
        Assert.True(Props.IsSecret(response.State.Fields["readerSecretKey"]));
        Assert.Contains(bucketUrn, response.StateDependencies["hostname"].Urns);
    }

    [Fact]
    public async Task Preview_construct_passes_unknown_ids_through()
    {
        await using var monitor = await FakeResourceMonitor.StartAsync(preview: true);
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        var request = PipelineRequest(monitor, dryRun: true);
        var inputs = Struct.Parser.ParseFrom(request.Inputs);
        inputs.Fields["lkeClusterIds"] = Value.ForList(Value.ForString(Props.Unknown));
        request.Inputs = inputs.ToByteString();

        var response = await plugin.CallAsync("Construct", request, ConstructResult.Parser);

        var stream = monitor.Single("auditPipeline-audit-stream").Object.Fields;
        Assert.True(Props.IsUnknown(Assert.Single(stream["destinations"].ListValue.Values)));
        Assert.True(Props.IsUnknown(Assert.Single(monitor.Single("auditPipeline-lke-stream").Object.Fields["details"].StructValue.Fields["clusterIds"].ListValue.Values)));
        Assert.True(Props.IsUnknown(Props.Unwrap(monitor.Single("auditPipeline-destination").Object.Fields["akamaiObjectStorageDetails"].StructValue.Fields["accessKeySecret"])));
        Assert.True(Props.IsUnknown(response.State.Fields["streamId"]));
    }

    [Fact]
    public async Task Invalid_component_inputs_fail_before_anything_is_registered()
    {
        await using var monitor = await FakeResourceMonitor.StartAsync(preview: false);
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        var request = PipelineRequest(monitor, dryRun: false);
        request.Inputs = Props.Encoded("""{"region":"us-ord","bucketName":"UPPER","retention":{"mode":"GOVERNANCE"},"lkeClusterIds":["lke-abc"]}""");

        var error = await Assert.ThrowsAsync<RpcException>(() => plugin.CallAsync("Construct", request, ConstructResult.Parser));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("bucketName", error.Message);
        Assert.Contains("retention needs days or years", error.Message);
        Assert.Contains("lkeClusterIds[0]", error.Message);
        Assert.Empty(monitor.Registrations);
    }

    [Fact]
    public async Task Audited_cluster_turns_on_control_plane_audit_logs()
    {
        await using var monitor = await FakeResourceMonitor.StartAsync(preview: false);
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        var request = new ConstructArgs
        {
            Project = "audit-logs", Stack = "test", Type = "auditinfra:index:AuditedLkeCluster", Name = "auditedCluster", Parent = Stack,
            MonitorEndpoint = monitor.Address,
            Inputs = Props.Encoded("""{"label":"audit-dev","region":"us-ord","k8sVersion":"v1.31.8+lke5","tier":"enterprise","pools":[{"type":"g6-standard-2","count":3}]}"""),
        };

        var response = await plugin.CallAsync("Construct", request, ConstructResult.Parser);

        var cluster = monitor.Single("auditedCluster-cluster");
        Assert.Equal("linode:index/lkeCluster:LkeCluster", cluster.Type);
        Assert.True(cluster.Object.Fields["controlPlane"].StructValue.Fields["auditLogsEnabled"].BoolValue);
        Assert.Equal(["controlPlane", "k8sVersion", "label", "pools", "region", "tier"], cluster.Object.Fields.Keys.Order());
        Assert.Equal(3, cluster.Object.Fields["pools"].ListValue.Values[0].StructValue.Fields["count"].NumberValue);
        Assert.Contains("kubeconfig", cluster.AdditionalSecretOutputs);
        Assert.Equal("6.6.0", cluster.Version);
        Assert.Equal(string.Empty, cluster.Provider); // no explicit provider: the engine's default linode provider
        Assert.Matches("^[0-9]+$", response.State.Fields["clusterId"].StringValue);
        Assert.True(Props.IsSecret(response.State.Fields["kubeconfig"]));
    }

    private static ConstructArgs PipelineRequest(FakeResourceMonitor monitor, bool dryRun)
    {
        var request = new ConstructArgs
        {
            Project = "audit-logs",
            Stack = "test",
            Type = Pipeline,
            Name = "auditPipeline",
            Parent = Stack,
            DryRun = dryRun,
            MonitorEndpoint = monitor.Address,
            Protect = true,
            Inputs = Props.Encoded("""
                {"region":"us-ord","bucketName":"acme-audit-logs-dev","retention":{"mode":"GOVERNANCE","days":3},
                 "path":"ds-logs","lkeClusterIds":["4321"],"readerKey":true,"sealerKey":true}
                """),
        };
        request.Providers["linode"] = LinodeProvider;
        request.Aliases.Add(new ResourceAlias { Spec = new ResourceAlias.Types.Spec { Name = "pipeline", NoParent = false, ParentUrn = Stack } });
        request.InputDependencies["lkeClusterIds"] = new UrnList { Urns = { ClusterUrn } };
        return request;
    }
}

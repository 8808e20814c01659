using System.Collections.Concurrent;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AuditInfra.Provider.Tests.Harness;

/// <summary>
/// The engine's ResourceMonitor as Pulumi's mocks play it: every RegisterResource is recorded and answered with
/// a URN built like the engine's, an id, and the inputs plus the outputs the real provider would add (unknown in a
/// preview). The linode outputs follow research/linode-provider-properties.md (secretKey, kubeconfig secret).
/// </summary>
public sealed class FakeResourceMonitor : IAsyncDisposable
{
    private const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    private readonly PluginServer _server;
    private readonly bool _preview;
    private int _nextId = 100;

    private FakeResourceMonitor(bool preview)
    {
        _preview = preview;
        _server = new PluginServer(ResourceProviderService.Limits).AddService(new Service(this), ResourceMonitor.BindService);
    }

    public ConcurrentQueue<RegisterRequest> Registrations { get; } = new();

    public ConcurrentQueue<RegisterOutputsRequest> Outputs { get; } = new();

    public string Address => _server.Address;

    public static string Urn(string type, string name, string? parentType = null) =>
        $"urn:pulumi:test::audit-logs::{(parentType is null ? string.Empty : parentType + "$")}{type}::{name}";

    public static async Task<FakeResourceMonitor> StartAsync(bool preview)
    {
        var monitor = new FakeResourceMonitor(preview);
        await monitor._server.StartAsync(CancellationToken.None);
        return monitor;
    }

    public RegisterRequest Single(string name) => Registrations.Single(r => r.Name == name);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private RegisterResponse Register(RegisterRequest request)
    {
        Registrations.Enqueue(request);
        // As the engine: the root stack's type is not part of its children's URNs.
        var parentType = request.Parent.Length == 0 || request.Parent.Contains("::pulumi:pulumi:Stack::", StringComparison.Ordinal) ? null : request.Parent.Split("::")[2];
        var response = new RegisterResponse { Urn = Urn(request.Type, request.Name, parentType), Object = request.Object.Clone() };
        if (!request.Custom)
        {
            return response;
        }

        var id = Interlocked.Increment(ref _nextId).ToString();
        response.Id = _preview ? string.Empty : id;
        Value Computed(string value) => Value.ForString(_preview ? Unknown : value);
        Value Secret(Value value) => Value.ForStruct(new Struct
        {
            Fields = { ["4dabf18193072939515e22adb298388d"] = Value.ForString("1b47061264138c4ac30d75fd1eb44270"), ["value"] = value },
        });
        switch (request.Type)
        {
            case "linode:index/objectStorageKey:ObjectStorageKey":
                response.Object.Fields["accessKey"] = Computed($"AK{id}");
                response.Object.Fields["secretKey"] = Secret(Computed($"secret-{id}"));
                break;
            case "linode:index/lkeCluster:LkeCluster":
                response.Object.Fields["kubeconfig"] = Secret(Computed("a3ViZWNvbmZpZw=="));
                break;
            case "auditinfra:index:ObjectLockBucket":
                response.Object.Fields["hostname"] = Value.ForString($"{request.Object.Fields["bucketName"].StringValue}.us-ord-1.linodeobjects.com");
                break;
        }

        return response;
    }

    private sealed class Service(FakeResourceMonitor monitor) : ResourceMonitor.ResourceMonitorBase
    {
        public override Task<RegisterResponse> RegisterResource(RegisterRequest request, ServerCallContext context) => Task.FromResult(monitor.Register(request));

        public override Task<Empty> RegisterResourceOutputs(RegisterOutputsRequest request, ServerCallContext context)
        {
            monitor.Outputs.Enqueue(request);
            return Task.FromResult(new Empty());
        }
    }
}

using AuditInfra.Provider.Components.AuditedLkeCluster;
using AuditInfra.Provider.Components.AuditLogPipeline;
using AuditInfra.Provider.Components.Linode;
using AuditInfra.Grpc;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Adapters;
using AuditInfra.Provider.Protocol.Binding;
using AuditInfra.Provider.Protocol.Engine;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Protocol.Schema;
using AuditInfra.Provider.Protocol.Values;
using AuditInfra.Provider.Resources.ObjectLockBucket;
using AuditInfra.Provider.Resources.ObjectStorage;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Protocol;

/// <summary>
/// <c>pulumirpc.ResourceProvider</c>: negotiation, configuration, schema, and dispatch by type token to the resource
/// and component adapters. One instance per plugin process; RPCs arrive concurrently, so state is set once
/// (Configure) and otherwise immutable.
/// </summary>
internal sealed class ResourceProviderService : IDisposable
{
    public const string Package = "auditinfra";
    public const string Service = "pulumirpc.ResourceProvider";

    private readonly Func<string, string?> _environment;
    private readonly Lazy<string> _schema;
    private readonly Dictionary<string, ICustomResourceAdapter> _resources;
    private readonly Dictionary<string, IComponentAdapter> _components;
    private readonly CancellationTokenSource _cancel = new();
    private GrpcClient? _engine;
    private ObjectStorageClientFactory _storage;

    public ResourceProviderService(string? engineAddress, Func<string, string?> environment)
    {
        _environment = environment;
        _engine = engineAddress is null ? null : new GrpcClient(engineAddress, new GrpcClientOptions { Timeout = TimeSpan.FromSeconds(10) });
        _storage = new ObjectStorageClientFactory(ObjectStorageSettings.Resolve(new ProviderConfig(), environment));
        var versions = new Dictionary<string, string> { [Package] = Version, [LinodePackage.Name] = LinodePackage.Version };
        _resources = new ICustomResourceAdapter[]
        {
            new CustomResourceAdapter<ObjectLockBucketResource, ObjectLockBucketArgs, ObjectLockBucketState>(() => new ObjectLockBucketResource(_storage), LogFor),
        }.ToDictionary(a => a.Token, StringComparer.Ordinal);
        _components = new IComponentAdapter[]
        {
            new ComponentAdapter<AuditLogPipelineComponent, AuditLogPipelineArgs, AuditLogPipelineOutputs>(new AuditLogPipelineComponent(), versions),
            new ComponentAdapter<AuditedLkeClusterComponent, AuditedLkeClusterArgs, AuditedLkeClusterOutputs>(new AuditedLkeClusterComponent(), versions),
        }.ToDictionary(a => a.Token, StringComparer.Ordinal);
        _schema = new(() => new SchemaBuilder(Package, Version)
            .Config(typeof(ProviderConfig))
            .CustomResource(typeof(ObjectLockBucketResource), typeof(ObjectLockBucketArgs), typeof(ObjectLockBucketState))
            .Component(typeof(AuditLogPipelineComponent), typeof(AuditLogPipelineArgs), typeof(AuditLogPipelineOutputs))
            .Component(typeof(AuditedLkeClusterComponent), typeof(AuditedLkeClusterArgs), typeof(AuditedLkeClusterOutputs))
            .Build());
    }

    public static string Version { get; } =
        typeof(ResourceProviderService).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    public void Map(GrpcServer server)
    {
        server
            .MapUnary(Service, "Handshake", HandshakeRequest.Parser, (_, _) => Task.FromResult(Handshake()))
            .MapUnary(Service, "GetPluginInfo", Empty.Parser, (_, _) => Task.FromResult(new PluginVersion { Version = Version }))
            .MapUnary(Service, "GetSchema", SchemaRequest.Parser, (_, _) => Task.FromResult(new SchemaResponse { Schema = _schema.Value }))
            .MapUnary(Service, "CheckConfig", CheckArgs.Parser, (r, _) => Task.FromResult(CheckConfig(r)))
            .MapUnary(Service, "DiffConfig", DiffArgs.Parser, (r, _) => Task.FromResult(DiffConfig(r)))
            .MapUnary(Service, "Configure", ConfigureArgs.Parser, (r, _) => Task.FromResult(Configure(r)))
            .MapUnary(Service, "Check", CheckArgs.Parser, (r, _) => Task.FromResult(Resource(r.Urn, r.Type).Check(r)))
            .MapUnary(Service, "Diff", DiffArgs.Parser, (r, _) => Task.FromResult(Resource(r.Urn, r.Type).Diff(r)))
            .MapUnary(Service, "Create", CreateArgs.Parser, (r, ct) => WithCancel(c => Resource(r.Urn, r.Type).CreateAsync(r, c), ct))
            .MapUnary(Service, "Read", ReadArgs.Parser, (r, ct) => WithCancel(c => Resource(r.Urn, r.Type).ReadAsync(r, c), ct))
            .MapUnary(Service, "Update", UpdateArgs.Parser, (r, ct) => WithCancel(c => Resource(r.Urn, r.Type).UpdateAsync(r, c), ct))
            .MapUnary(Service, "Delete", DeleteArgs.Parser, (r, ct) => WithCancel(
                async c =>
                {
                    await Resource(r.Urn, r.Type).DeleteAsync(r, c);
                    return new Empty();
                },
                ct))
            .MapUnary(Service, "Construct", ConstructArgs.Parser, (r, ct) => WithCancel(c => Component(r.Type).ConstructAsync(r, c), ct))
            .MapUnary(Service, "Cancel", Empty.Parser, (_, _) => Task.FromResult(Cancel()))
            .MapUnary(Service, "Attach", AttachRequest.Parser, (r, _) => Task.FromResult(Attach(r)));
    }

    public void Dispose()
    {
        _cancel.Dispose();
        _engine?.Dispose();
        _storage.Dispose();
    }

    /// <summary>Same answers as Configure (pitfall 7); succeeding here makes the engine call Create/Update with preview (pitfall 6).</summary>
    private static HandshakeResponse Handshake() => new() { AcceptSecrets = true, AcceptResources = true, AcceptOutputs = false };

    private static ConfigureResult ConfigureAnswer() => new() { AcceptSecrets = true, AcceptResources = true, SupportsPreview = true, AcceptOutputs = false };

    private static CheckResult CheckConfig(CheckArgs request)
    {
        var news = StructCodec.Decode(request.News);
        var result = new CheckResult { Inputs = request.News ?? new Struct() }; // echo, extra keys such as version included (pitfall 14)
        var bound = PropertyBinder.Bind<ProviderConfig>(news);
        var failures = bound.Failures.ToList();
        if (bound.IsKnown("s3Endpoint") && bound.Value.S3Endpoint is { Length: > 0 } endpoint &&
            (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add(new CheckFailure("s3Endpoint", $"must be an http(s) URL such as https://us-ord-1.linodeobjects.com, not \"{endpoint}\""));
        }

        result.Failures.AddRange(failures.Select(f => new CheckFailureEntry { Property = f.Property, Reason = f.Reason }));
        return result;
    }

    /// <summary>Never asks to replace the provider: that would replace every bucket it manages (pitfall 13).</summary>
    private static DiffResult DiffConfig(DiffArgs request)
    {
        var news = StructCodec.Decode(request.News);
        var olds = StructCodec.Decode(request.OldInputs is { Fields.Count: > 0 } ? request.OldInputs : request.Olds);
        var result = new DiffResult { Changes = DiffResult.Types.Changes.DiffNone };
        foreach (var name in new[] { "s3Endpoint", "region", "accessKey", "secretKey" })
        {
            var n = news[name]?.Plain();
            var o = olds[name]?.Plain();
            if (!Equals(n, o))
            {
                result.Diffs.Add(name);
            }
        }

        if (result.Diffs.Count > 0)
        {
            result.Changes = DiffResult.Types.Changes.DiffSome;
        }

        return result;
    }

    private ConfigureResult Configure(ConfigureArgs request)
    {
        var args = request.Args is not null
            ? StructCodec.Decode(request.Args)
            : ObjectProperty.From(request.Variables.Select(kv => KeyValuePair.Create(kv.Key[(kv.Key.LastIndexOf(':') + 1)..], PropertyValue.Of(kv.Value))));
        var bound = PropertyBinder.Bind<ProviderConfig>(args);
        if (bound.Failures.Count > 0)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "invalid auditinfra configuration: " + string.Join("; ", bound.Failures.Select(f => $"{f.Property} {f.Reason}")));
        }

        var previous = Interlocked.Exchange(ref _storage, new ObjectStorageClientFactory(ObjectStorageSettings.Resolve(bound.Value, _environment)));
        previous.Dispose();
        return ConfigureAnswer();
    }

    private Empty Cancel()
    {
        _cancel.Cancel();
        return new Empty();
    }

    private Empty Attach(AttachRequest request)
    {
        var previous = Interlocked.Exchange(ref _engine, new GrpcClient(request.Address, new GrpcClientOptions { Timeout = TimeSpan.FromSeconds(10) }));
        previous?.Dispose();
        return new Empty();
    }

    private async Task<T> WithCancel<T>(Func<CancellationToken, Task<T>> operation, CancellationToken callToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, _cancel.Token);
        return await operation(linked.Token);
    }

    private IResourceLog LogFor(string urn) => new EngineLog(_engine, urn);

    private ICustomResourceAdapter Resource(string urn, string type)
    {
        var token = type.Length > 0 ? type : TypeFromUrn(urn);
        return _resources.TryGetValue(token, out var adapter)
            ? adapter
            : throw new GrpcException(GrpcStatusCode.InvalidArgument, $"unknown resource type \"{token}\"; this provider serves {string.Join(", ", _resources.Keys)}");
    }

    private IComponentAdapter Component(string type) =>
        _components.TryGetValue(type, out var adapter)
            ? adapter
            : throw new GrpcException(GrpcStatusCode.InvalidArgument, $"unknown component type \"{type}\"; this provider serves {string.Join(", ", _components.Keys)}");

    /// <summary>urn:pulumi:stack::project::[parent$]type::name: older engines send no type field.</summary>
    private static string TypeFromUrn(string urn)
    {
        var parts = urn.Split("::");
        return parts.Length >= 4 ? parts[2].Split('$')[^1] : string.Empty;
    }
}

using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Binding;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Protocol.Values;
using Grpc.Core;

namespace AuditInfra.Provider.Protocol.Adapters;

/// <summary>
/// Registers a component and its children with the engine's ResourceMonitor during Construct, the way Pulumi's
/// SDKs do for a remote component: the children get the component as parent, the provider the program chose for
/// their package, the pinned plugin version, the component's protect/retainOnDelete, and dependencies taken
/// from the output values in their inputs.
/// </summary>
internal sealed class ResourceMonitorScope(ResourceMonitor.ResourceMonitorClient monitor, ConstructArgs request, IReadOnlyDictionary<string, string> packageVersions) : IComponentScope
{

    public string Name => request.Name;

    public bool IsPreview => request.DryRun;

    public string ComponentUrn { get; private set; } = string.Empty;

    public async Task RegisterComponentAsync(CancellationToken cancellationToken)
    {
        var register = new RegisterRequest
        {
            Type = request.Type,
            Name = request.Name,
            Parent = request.Parent,
            Custom = false,
            Object = new Google.Protobuf.WellKnownTypes.Struct(),
            AcceptSecrets = true,
            AcceptResources = true,
            DeletedWith = request.DeletedWith,
            CustomTimeouts = request.CustomTimeouts,
        };
        if (request.HasProtect)
        {
            register.Protect = request.Protect;
        }

        if (request.HasRetainOnDelete)
        {
            register.RetainOnDelete = request.RetainOnDelete;
        }

        register.Dependencies.AddRange(request.Dependencies);
        register.Providers.Add(request.Providers);
        register.IgnoreChanges.AddRange(request.IgnoreChanges);
        register.ReplaceOnChanges.AddRange(request.ReplaceOnChanges);
        register.AdditionalSecretOutputs.AddRange(request.AdditionalSecretOutputs);
        register.Aliases.AddRange(request.Aliases); // a renamed or moved component keeps its children's state
        register.AliasSpecs = true;
        var response = await CallAsync(register, cancellationToken);
        ComponentUrn = response.Urn;
    }

    public async Task<ChildResource> RegisterAsync<TArgs>(string type, string name, TArgs args, ChildOptions options, CancellationToken cancellationToken)
        where TArgs : class
    {
        var inputs = PropertyWriter.Write(args);
        var package = type.Split(':')[0];
        var register = new RegisterRequest
        {
            Type = type,
            Name = name,
            Parent = ComponentUrn,
            Custom = true,
            Object = StructCodec.EncodeWellKnown(inputs),
            AcceptSecrets = true,
            AcceptResources = true,
            SupportsPartialValues = true,
            Version = packageVersions.TryGetValue(package, out var version) ? version : string.Empty,
            Provider = request.Providers.TryGetValue(package, out var provider) ? provider : string.Empty,
        };
        if (request.HasProtect)
        {
            register.Protect = request.Protect; // children inherit protect from their parent, as in the SDKs
        }

        if (request.HasRetainOnDelete)
        {
            register.RetainOnDelete = request.RetainOnDelete;
        }

        foreach (var (property, urns) in PropertyMaps.Dependencies(inputs))
        {
            var list = new UrnList();
            list.Urns.AddRange(urns);
            register.PropertyDependencies[property] = list;
        }

        register.Dependencies.AddRange(PropertyMaps.Collect(inputs).Concat(options.DependsOn.Select(d => d.Urn)).Distinct());
        register.AdditionalSecretOutputs.AddRange(options.AdditionalSecretOutputs);
        var response = await CallAsync(register, cancellationToken);
        var id = string.IsNullOrEmpty(response.Id) ? PropertyValue.Unknown : PropertyValue.Of(response.Id);
        return new ChildResource(response.Urn, Output.From<string>(id, [response.Urn]), StructCodec.Decode(response.Object, "object"));
    }

    public async Task RegisterOutputsAsync(ObjectProperty outputs, CancellationToken cancellationToken)
    {
        var request1 = new RegisterOutputsRequest { Urn = ComponentUrn, Outputs = StructCodec.EncodeWellKnown(outputs) };
        await monitor.RegisterResourceOutputsAsync(request1, cancellationToken: cancellationToken);
    }

    private async Task<RegisterResponse> CallAsync(RegisterRequest register, CancellationToken cancellationToken)
    {
        try
        {
            return await monitor.RegisterResourceAsync(register, cancellationToken: cancellationToken);
        }
        catch (RpcException error)
        {
            throw new RpcException(new Status(error.StatusCode, $"registering {register.Type} \"{register.Name}\": {error.Status.Detail}", error));
        }
    }
}

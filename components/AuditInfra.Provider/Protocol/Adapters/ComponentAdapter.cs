using System.Collections.Immutable;
using System.Reflection;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Grpc.Messages;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Binding;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Protocol.Values;
using Grpc.Core;

namespace AuditInfra.Provider.Protocol.Adapters;

/// <summary>Serves one typed <see cref="IComponent{TArgs, TOutputs}"/> through Construct.</summary>
internal sealed class ComponentAdapter<TComponent, TArgs, TOutputs>(TComponent component, IReadOnlyDictionary<string, string> packageVersions, MessageLimits limits) : IComponentAdapter
    where TComponent : IComponent<TArgs, TOutputs>
    where TArgs : class
    where TOutputs : class
{
    private static readonly ResourceTypeAttribute Type = typeof(TComponent).GetCustomAttribute<ResourceTypeAttribute>()
        ?? throw new InvalidOperationException($"{typeof(TComponent).Name} has no [ResourceType]");

    public string Token => Type.Token;

    public async Task<ConstructResult> ConstructAsync(ConstructArgs request, CancellationToken cancellationToken)
    {
        var dependencies = request.InputDependencies.ToDictionary(kv => kv.Key, kv => kv.Value.Urns.ToImmutableArray());
        var inputs = StructCodec.Decode(request.Inputs, "inputs");
        var bound = PropertyBinder.Bind<TArgs>(inputs, dependencies);

        // No Check runs for components (pitfall 21): every problem is reported here, before anything is registered.
        var failures = bound.Failures.ToList();
        if (failures.Count == 0 && bound.Unknown.IsEmpty)
        {
            failures.AddRange(component.Validate(bound.Value));
        }

        failures.AddRange(bound.Unknown.Select(name => new CheckFailure(name, "must be known before the deployment runs (it comes from another resource's output)")));
        if (failures.Count > 0)
        {
            throw GrpcErrors.Status(
                StatusCode.InvalidArgument,
                SecretRedaction.Scrub($"{Token} \"{request.Name}\" has invalid inputs: " + string.Join("; ", failures.Select(f => $"{f.Property} {f.Reason}")), inputs));
        }

        using var monitor = new EngineChannel(request.MonitorEndpoint, limits);
        var scope = new ResourceMonitorScope(new ResourceMonitor.ResourceMonitorClient(monitor.CallInvoker), request, packageVersions);
        await scope.RegisterComponentAsync(cancellationToken);
        var outputs = PropertyWriter.Write(await component.ConstructAsync(bound.Value, scope, cancellationToken));
        await scope.RegisterOutputsAsync(outputs, cancellationToken);

        var result = new ConstructResult { Urn = scope.ComponentUrn, State = StructCodec.Encode(outputs) };
        foreach (var (property, urns) in PropertyMaps.Dependencies(outputs))
        {
            var list = new UrnList();
            list.Urns.AddRange(urns);
            result.StateDependencies[property] = list;
        }

        return result;
    }
}

namespace AuditInfra.Provider.Model;

/// <summary>Options for a child a component registers.</summary>
public sealed record ChildOptions
{
    /// <summary>Resources the child must wait for, besides those its Output inputs came from.</summary>
    public IReadOnlyList<ChildResource> DependsOn { get; init; } = [];

    /// <summary>Outputs the engine must store as secrets whatever the child's provider says.</summary>
    public IReadOnlyList<string> AdditionalSecretOutputs { get; init; } = [];
}

/// <summary>A registered child: its URN, id and outputs (unknown in preview where the provider cannot know them).</summary>
public sealed record ChildResource(string Urn, Output<string> Id, ObjectProperty Outputs)
{
    /// <summary>An output of the child, depending on the child.</summary>
    public Output<T> Get<T>(string name) => Output.From<T>(Outputs[name] ?? PropertyValue.Unknown, [Urn]);
}

/// <summary>Where a component registers its children (the engine's ResourceMonitor during Construct).</summary>
public interface IComponentScope
{
    /// <summary>The component's name, the prefix of its children's names.</summary>
    string Name { get; }

    /// <summary>True in preview: children's computed outputs come back unknown.</summary>
    bool IsPreview { get; }

    Task<ChildResource> RegisterAsync<TArgs>(string type, string name, TArgs args, ChildOptions options, CancellationToken cancellationToken)
        where TArgs : class;
}

/// <summary>A component as plain typed C#: inputs in <typeparamref name="TArgs"/>, outputs in <typeparamref name="TOutputs"/>.</summary>
public interface IComponent<TArgs, TOutputs>
    where TArgs : class
    where TOutputs : class
{
    /// <summary>Components get no Check from the engine: validate here, before registering anything.</summary>
    IReadOnlyList<CheckFailure> Validate(TArgs args);

    Task<TOutputs> ConstructAsync(TArgs args, IComponentScope scope, CancellationToken cancellationToken);
}

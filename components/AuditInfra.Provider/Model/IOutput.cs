namespace AuditInfra.Provider.Model;

/// <summary>What every <see cref="Output{T}"/> holds, readable without knowing its T (the writer's view).</summary>
public interface IOutput
{
    /// <summary>The value, possibly unknown, secret or carrying the URNs it came from.</summary>
    PropertyValue Value { get; }
}

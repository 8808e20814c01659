namespace AuditInfra.Provider.Model;

/// <summary>The Pulumi type token and description of a resource or component class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ResourceTypeAttribute(string token, string description) : Attribute
{
    public string Token { get; } = token;

    public string Description { get; } = description;

    /// <summary>Names are unique (bucket names): replacing must delete the old one before creating the new one.</summary>
    public bool DeleteBeforeReplace { get; init; }
}

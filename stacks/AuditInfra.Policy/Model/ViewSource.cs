namespace AuditInfra.Policy.Model;

/// <summary>Where a <see cref="StackView"/> came from.</summary>
public enum ViewSource
{
    /// <summary>Pulumi.yaml read statically with the stack's config substituted.</summary>
    Program,

    /// <summary>The JSON of <c>pulumi preview --json</c>.</summary>
    Preview,

    /// <summary>Resources the Pulumi engine hands a policy pack (the analyzer plugin).</summary>
    Engine,

    /// <summary>A stack file on the base branch (--base) that the change deletes: no resources, only the fact.</summary>
    Removed,
}

using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Model;

/// <summary>
/// One resource the rules look at: a resource of the program (components expanded into the children they
/// register) or a resource of a preview. <see cref="Owner"/> is the top-level program resource it belongs
/// to, so references such as <c>${auditPipeline.bucketName}</c> and findings find their way back to a line.
/// </summary>
public sealed record AuditResource(
    string Name,
    string Type,
    MapValue Properties,
    SourceLocation Location,
    bool Protect,
    string? Parent,
    string Owner,
    MapValue? Outputs = null,
    ResourceChange? Change = null)
{
    /// <summary>
    /// A resource the program reads with <c>get:</c> instead of managing: what it holds is only known to the engine,
    /// so any property not written in the program reads as unknown rather than absent.
    /// </summary>
    public bool IsRead { get; init; }

    /// <summary>The program's <c>options.protect</c> as written (substituted), when it is not a plain true or false.</summary>
    public PolicyValue? ProtectOption { get; init; }

    /// <summary>True when <c>protect</c> depends on something only the engine knows (a function, a resource output).</summary>
    public bool ProtectIsUnknown => ProtectOption is UnknownValue or ReferenceValue or SecretValue;

    public PolicyValue? Property(string path) =>
        Properties.At(path) ?? (IsRead ? new UnknownValue($"{Name} is read with get: from an existing resource, whose state only Pulumi sees", Location) : null);

    /// <summary>An output value, falling back to the input of the same name.</summary>
    public PolicyValue? Output(string path) => Outputs?.At(path) ?? (path == "id" ? null : Properties.At(path));

    /// <summary>True when this resource is what a program reference to <paramref name="name"/> points at.</summary>
    public bool AnswersTo(string name) => Name == name || Owner == name;

    /// <summary>True when the change in a preview removes the resource for good (not part of a replacement).</summary>
    public bool IsGone => Change?.Operation is "delete" or "discard";
}

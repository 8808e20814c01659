using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Model;

/// <summary>
/// What a change does to a resource: the preview's step operation and the inputs it had before, or, for the
/// static comparison with <c>--base</c>, the inputs the base branch's program gives it.
/// </summary>
public sealed record ResourceChange(string Operation, MapValue? OldInputs, string Origin)
{
    public bool Deletes => Operation is "delete" or "replace" or "create-replacement" or "delete-replaced" or "discard" or "discard-replaced";

    public bool Replaces => Operation is "replace" or "create-replacement" or "delete-replaced" or "discard-replaced";
}

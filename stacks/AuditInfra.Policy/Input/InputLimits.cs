namespace AuditInfra.Policy.Input;

/// <summary>
/// Ceilings for every file the policy check reads, so a hostile pull request (an alias bomb, 40,000 levels of
/// flow nesting, a stack file that is a link to <c>/dev/zero</c> or a pipe) ends in one input error instead of
/// exhausting memory, the stack or the clock. Real Pulumi YAML programs are a few KB deep in single digits;
/// `pulumi preview --json` of a large stack is tens of MB.
/// </summary>
public sealed record InputLimits(long MaxYamlBytes, int MaxYamlDepth, long MaxJsonBytes, int MaxJsonDepth)
{
    /// <summary>4 MiB and 64 levels for YAML, 256 MiB and 128 levels for a preview's JSON.</summary>
    public static InputLimits Default { get; } = new(4L << 20, 64, 256L << 20, 128);
}

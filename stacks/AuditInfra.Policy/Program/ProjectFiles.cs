namespace AuditInfra.Policy.Program;

/// <summary>
/// A Pulumi project folder as read from disk: the program and the stack files selected, the stack files that
/// were asked for but are not there (a stack removed by the change), and what the reader wants the report to say.
/// </summary>
public sealed record ProjectFiles(string Directory, PulumiProject Project, IReadOnlyList<StackFile> Stacks, IReadOnlyList<string> Notes)
{
    /// <summary>Stack names whose file was looked for (with --stack) and not found.</summary>
    public IReadOnlyList<string> MissingStacks { get; init; } = [];
}

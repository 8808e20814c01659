namespace AuditInfra.Policy.Program;

/// <summary>A Pulumi project folder as read from disk: the program and the stack files selected.</summary>
public sealed record ProjectFiles(string Directory, PulumiProject Project, IReadOnlyList<StackFile> Stacks);

using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Program;

/// <summary>One key of the <c>config:</c> block in Pulumi.yaml: its type, default and whether it is declared secret.</summary>
public sealed record ConfigDeclaration(string Name, string? Type, PolicyValue? Default, bool Secret, SourceLocation Location);

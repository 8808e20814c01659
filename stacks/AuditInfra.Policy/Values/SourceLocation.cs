namespace AuditInfra.Policy.Values;

/// <summary>Where a value or resource was written: a file relative to the project, a 1-based line and column.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

namespace AuditInfra.Cli;

/// <summary>The exit codes every command shares (DESIGN.md, report contract).</summary>
public static class ExitCodes
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int Error = 2;
}

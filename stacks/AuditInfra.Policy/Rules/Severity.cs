namespace AuditInfra.Policy.Rules;

/// <summary>What a violated rule does to the check: a deny fails it (exit 1), a warning is reported only.</summary>
public enum Severity
{
    Warn = 1,
    Deny = 2,
}

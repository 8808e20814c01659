namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>Tests that set AUDITINFRA_ environment variables run alone, so no other command sees their settings.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>A clock fixed at one instant: "today" for sync's listing range.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

namespace AuditInfra.TestSupport;

/// <summary>A clock fixed at one instant: "today" for sync's listing range and for verify's clamp at now.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

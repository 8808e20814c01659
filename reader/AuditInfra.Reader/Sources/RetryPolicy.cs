namespace AuditInfra.Reader.Sources;

/// <summary>How often and how long to back off before resuming a broken object body (the SDK retries whole requests itself).</summary>
internal sealed class RetryPolicy
{
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;

    public RetryPolicy(int maxRetries, TimeSpan baseDelay)
    {
        _maxRetries = maxRetries;
        _baseDelay = baseDelay;
    }

    public int MaxRetries => _maxRetries;

    public TimeSpan DelayFor(int attempt)
    {
        var cap = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 10));
        return TimeSpan.FromMilliseconds((cap / 2) + (Random.Shared.NextDouble() * cap / 2));
    }
}

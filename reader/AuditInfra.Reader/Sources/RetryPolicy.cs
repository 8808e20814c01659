namespace AuditInfra.Reader.Sources;

/// <summary>Exponential backoff with full jitter for transient S3 failures (on top of the SDK's own request retries).</summary>
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

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, Func<Exception, bool> isTransient, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (attempt < _maxRetries && isTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(DelayFor(attempt), cancellationToken);
            }
        }
    }

    public TimeSpan DelayFor(int attempt)
    {
        var cap = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 10));
        return TimeSpan.FromMilliseconds((cap / 2) + (Random.Shared.NextDouble() * cap / 2));
    }
}

using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Retention;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary>
/// <c>unlocked_object</c>: every version of a delivered object must carry Object Lock retention in the expected
/// mode until at least its delivery time plus the expected period. Probes and unexpected keys are not logs.
/// </summary>
public sealed class UnlockedObjectCheck : IObjectCheck
{
    private readonly IRetentionSource _retention;
    private readonly RetentionPolicy _expected;

    public UnlockedObjectCheck(IRetentionSource retention, RetentionPolicy expected)
    {
        _retention = retention;
        _expected = expected;
    }

    public async ValueTask CheckAsync(DeliveryObject item, ILogSource source, FindingCollector findings, CancellationToken cancellationToken)
    {
        if (item.Key.Kind != KeyKind.Delivery)
        {
            return;
        }

        var versions = 0;
        await foreach (var version in _retention.ListVersionRetentionAsync(item.Key.Key, cancellationToken))
        {
            // Listing by prefix can also return longer keys that start with this one.
            if (version.Key != item.Key.Key)
            {
                continue;
            }

            versions++;
            if (RetentionEvaluator.FindProblem(version, _expected) is { } problem)
            {
                findings.Add(new Finding(FindingKind.UnlockedObject, item.Key.Key, null, problem));
            }
        }

        if (versions == 0)
        {
            findings.Add(new Finding(FindingKind.UnlockedObject, item.Key.Key, null, "no version of the object is left to carry a lock (deleted while being checked)"));
        }
    }
}

using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Verification.Checks;

/// <summary><c>unexpected_object</c>: a key under the source that matches no delivery pattern (probes and folder markers are fine).</summary>
public sealed class UnexpectedObjectCheck : IObjectCheck
{
    public ValueTask CheckAsync(DeliveryObject item, ILogSource source, FindingCollector findings, CancellationToken cancellationToken)
    {
        if (item.Key.Kind == KeyKind.Unexpected)
        {
            findings.Add(new Finding(FindingKind.UnexpectedObject, item.Key.Key, null, item.Info.Irregular ?? $"matches no delivery pattern: {item.Key.Reason}"));
        }

        return ValueTask.CompletedTask;
    }
}

namespace AuditInfra.Policy.Rules;

/// <summary>Every rule, in id order. Adding a rule means adding its file and one line here.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IPolicyRule> All { get; } =
    [
        new ObjectLockEnabledRule(),
        new ComplianceModeInProdRule(),
        new GovernanceModeOutsideProdRule(),
        new MinimumRetentionRule(),
        new RetentionNotLoweredRule(),
        new SingleAuditStreamRule(),
        new StreamDeliversToLockedBucketRule(),
        new LkeAuditLogsEnabledRule(),
        new EnterpriseClusterCoveredRule(),
        new WriterKeyScopedRule(),
        new ReaderKeyReadOnlyRule(),
        new NoPlaintextSecretsRule(),
        new NoDeleteOrReplaceRule(),
        new AuditResourcesProtectedRule(),
        new ValuesKnownBeforeDeployRule(),
        new StackNotRemovedRule(),
        new SealerKeySeparateRule(),
    ];
}

namespace AuditInfra.Provider.Components.Linode;

/// <summary>
/// The official <c>linode</c> Pulumi provider the components register their children with: its exact type tokens
/// (shared/research/linode-provider-properties.md) and the plugin version they are pinned to.
/// </summary>
public static class LinodePackage
{
    public const string Name = "linode";

    /// <summary>6.6.0 is the first release with the Monitor Logs destination and stream resources.</summary>
    public const string Version = "6.6.0";

    public const string ObjectStorageKey = "linode:index/objectStorageKey:ObjectStorageKey";
    public const string MonitorLogsDestination = "linode:index/monitorLogsDestination:MonitorLogsDestination";
    public const string MonitorLogsStream = "linode:index/monitorLogsStream:MonitorLogsStream";
    public const string LkeCluster = "linode:index/lkeCluster:LkeCluster";
}

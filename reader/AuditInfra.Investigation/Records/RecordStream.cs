using AuditInfra.Reader.Layout;

namespace AuditInfra.Investigation.Records;

/// <summary>
/// The one set of names for the three kinds of delivered files, used by every command, report and help text:
/// <c>config</c> (configuration changes, <c>-config</c> files of the <c>audit_logs</c> stream), <c>login</c>
/// (sign-ins, <c>-login</c> files of <c>audit_logs</c>) and <c>k8s</c> (LKE Kubernetes API calls, <c>-k8s</c> files
/// of the <c>lke_audit_logs</c> stream). They are Akamai's own file-name suffixes, so what a report says is what
/// the keys in the bucket say. <c>--stream</c> also accepts the names used before and Akamai's stream types.
/// </summary>
public static class RecordStream
{
    public const string Config = "config";
    public const string Login = "login";
    public const string Kubernetes = "k8s";

    /// <summary>Akamai's stream type that delivers <c>config</c> and <c>login</c> files.</summary>
    public const string AuditLogs = "audit_logs";

    /// <summary>Akamai's stream type that delivers <c>k8s</c> files.</summary>
    public const string LkeAuditLogs = "lke_audit_logs";

    public static IReadOnlyList<string> Names { get; } = [Config, Login, Kubernetes];

    /// <summary>What <c>--stream</c> accepts besides <see cref="Names"/>, for help texts and errors.</summary>
    public static IReadOnlyList<string> Aliases { get; } = ["audit", "sign-in", "signin", "lke", "kubernetes", AuditLogs, LkeAuditLogs];

    public static string NameOf(LogCategory category) => category switch
    {
        LogCategory.Config => Config,
        LogCategory.Login => Login,
        _ => Kubernetes,
    };

    /// <summary>The kinds a name stands for: one, or both kinds of the <c>audit_logs</c> stream type.</summary>
    public static bool TryParse(string name, out LogCategory[] categories)
    {
        categories = name.Trim().ToLowerInvariant() switch
        {
            Config or "audit" => [LogCategory.Config],
            Login or "sign-in" or "signin" => [LogCategory.Login],
            Kubernetes or "lke" or "kubernetes" or LkeAuditLogs => [LogCategory.Kubernetes],
            AuditLogs => [LogCategory.Config, LogCategory.Login],
            _ => [],
        };
        return categories.Length > 0;
    }
}

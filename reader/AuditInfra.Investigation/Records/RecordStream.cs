using AuditInfra.Reader.Layout;

namespace AuditInfra.Investigation.Records;

/// <summary>
/// The names users type for the three kinds of delivered files (<c>--stream</c>): configuration changes,
/// sign-ins and Kubernetes API audit events.
/// </summary>
public static class RecordStream
{
    public const string Audit = "audit";
    public const string SignIn = "sign-in";
    public const string Lke = "lke";

    public static IReadOnlyList<string> Names { get; } = [Audit, SignIn, Lke];

    public static string NameOf(LogCategory category) => category switch
    {
        LogCategory.Config => Audit,
        LogCategory.Login => SignIn,
        _ => Lke,
    };

    public static bool TryParse(string name, out LogCategory category)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case Audit or "config" or "audit_logs":
                category = LogCategory.Config;
                return true;
            case SignIn or "login" or "signin":
                category = LogCategory.Login;
                return true;
            case Lke or "k8s" or "kubernetes" or "lke_audit_logs":
                category = LogCategory.Kubernetes;
                return true;
            default:
                category = default;
                return false;
        }
    }
}

namespace AuditInfra.Reader.Layout;

/// <summary>The kind of records an object holds, from the category at the end of its file name.</summary>
public enum LogCategory
{
    /// <summary><c>…-config.gz</c>: CloudEvents whose <c>data.eventcode</c> is in the catalog.</summary>
    Config,

    /// <summary><c>…-login.gz</c>: CloudEvents for sign-ins (<c>login-success</c>, …), not in the catalog.</summary>
    Login,

    /// <summary><c>…-k8s.gz</c>: Kubernetes <c>audit.k8s.io/v1</c> Events.</summary>
    Kubernetes,
}

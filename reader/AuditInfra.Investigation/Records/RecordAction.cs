using AuditInfra.Reader.Catalog;

namespace AuditInfra.Investigation.Records;

/// <summary>
/// The verb of a record (<c>--action</c>), derived rather than delivered: from the method an event code starts
/// with (post → create, put → update, delete → delete, with the operational posts split out), from the sign-in
/// code, or from the Kubernetes verb. The names follow the peers' action lists (seed 003). Codes of the Object
/// Storage <c>s3</c> family name an S3 API action (CreateBucket, PutBucketPolicy, DeleteBucket…), whose verb is
/// mapped the same way: Create → create, Put → update, Delete → delete.
/// </summary>
public static class RecordAction
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Read = "read";
    public const string Attach = "attach";
    public const string Detach = "detach";
    public const string Power = "power";
    public const string Login = "login";
    public const string Logout = "logout";
    public const string Other = "other";

    public static IReadOnlyList<string> Names { get; } = [Create, Update, Delete, Read, Attach, Detach, Power, Login, Logout, Other];

    // Posts that operate on an existing resource rather than create one.
    private static readonly string[] PowerPrefixes = ["post-boot-", "post-reboot-", "post-shutdown-", "post-rescue-", "resume-", "suspend-"];

    /// <summary>The action of a CloudEvents event code (catalog or sign-in).</summary>
    public static string FromEventCode(string code)
    {
        if (EventCodeFamily.ObjectStorageS3.Matches(code.AsSpan()))
        {
            return FromS3Action(EventCodeFamily.ObjectStorageS3.ActionName(code));
        }

        if (code.StartsWith("login", StringComparison.Ordinal))
        {
            return Login;
        }

        if (code.StartsWith("logout", StringComparison.Ordinal))
        {
            return Logout;
        }

        if (code.StartsWith("delete-", StringComparison.Ordinal))
        {
            return Delete;
        }

        if (code.StartsWith("put-", StringComparison.Ordinal))
        {
            return Update;
        }

        if (code.StartsWith("post-attach-", StringComparison.Ordinal))
        {
            return Attach;
        }

        if (code.StartsWith("post-detach-", StringComparison.Ordinal))
        {
            return Detach;
        }

        foreach (var prefix in PowerPrefixes)
        {
            if (code.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Power;
            }
        }

        return code.StartsWith("post-", StringComparison.Ordinal) ? Create : Other;
    }

    // The S3 API names its actions verb first (docs.aws.amazon.com/AmazonS3/latest/API: CreateBucket, PutBucketAcl,
    // DeleteBucketPolicy); the family's spelling of the code is unpublished, so the verb is read from its letters.
    private static string FromS3Action(string action) =>
        action.StartsWith("create", StringComparison.OrdinalIgnoreCase) ? Create
        : action.StartsWith("put", StringComparison.OrdinalIgnoreCase) ? Update
        : action.StartsWith("delete", StringComparison.OrdinalIgnoreCase) ? Delete
        : Other;

    /// <summary>The action of a Kubernetes audit verb.</summary>
    public static string FromKubernetesVerb(string? verb) => verb switch
    {
        "create" => Create,
        "update" or "patch" => Update,
        "delete" or "deletecollection" => Delete,
        "get" or "list" or "watch" => Read,
        _ => Other,
    };
}

namespace AuditInfra.Provider.Resources.ObjectStorage;

/// <summary>
/// The S3 coordinates after applying environment fallbacks to <see cref="ProviderConfig"/>. Missing pieces stay
/// null: previews and components work without credentials; bucket operations report what is missing.
/// </summary>
public sealed record ObjectStorageSettings(Uri? Endpoint, string Region, string? AccessKey, string? SecretKey)
{
    public static ObjectStorageSettings Resolve(ProviderConfig config, Func<string, string?> environment)
    {
        string? First(string? configured, params string[] variables) =>
            configured is { Length: > 0 } ? configured : variables.Select(environment).FirstOrDefault(v => v is { Length: > 0 });

        var endpoint = First(config.S3Endpoint, "AUDITINFRA_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        return new ObjectStorageSettings(
            endpoint is null ? null : new Uri(endpoint),
            First(config.Region, "AWS_REGION", "AWS_DEFAULT_REGION") ?? "us-east-1",
            First(config.AccessKey, "AWS_ACCESS_KEY_ID", "LINODE_OBJ_ACCESS_KEY"),
            First(config.SecretKey, "AWS_SECRET_ACCESS_KEY", "LINODE_OBJ_SECRET_KEY"));
    }

    /// <summary>The keys still missing for talking to S3, as the user sets them.</summary>
    public IReadOnlyList<string> MissingKeys()
    {
        var missing = new List<string>();
        if (Endpoint is null)
        {
            missing.Add("auditinfra:s3Endpoint");
        }

        if (AccessKey is null)
        {
            missing.Add("auditinfra:accessKey");
        }

        if (SecretKey is null)
        {
            missing.Add("auditinfra:secretKey");
        }

        return missing;
    }
}

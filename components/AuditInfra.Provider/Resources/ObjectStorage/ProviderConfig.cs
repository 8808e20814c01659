using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Resources.ObjectStorage;

/// <summary>
/// The provider's configuration: stack config <c>auditinfra:&lt;key&gt;</c> or the inputs of an explicit
/// <c>pulumi:providers:auditinfra</c>. Every key is optional here because each has an environment fallback;
/// what is still missing is reported when a bucket operation needs it.
/// </summary>
public sealed record ProviderConfig
{
    [Property("s3Endpoint", "S3 endpoint of Linode Object Storage in the bucket's region, e.g. https://us-ord-1.linodeobjects.com. Falls back to AUDITINFRA_S3_ENDPOINT, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL.")]
    public string? S3Endpoint { get; init; }

    [Property("region", "Region used to sign S3 requests, e.g. us-ord. Falls back to AWS_REGION, AWS_DEFAULT_REGION, then us-east-1.")]
    public string? Region { get; init; }

    [Property("accessKey", "Object Storage access key with permission to create buckets. Falls back to AWS_ACCESS_KEY_ID, LINODE_OBJ_ACCESS_KEY.", Secret = true)]
    public string? AccessKey { get; init; }

    [Property("secretKey", "Object Storage secret key. Falls back to AWS_SECRET_ACCESS_KEY, LINODE_OBJ_SECRET_KEY.", Secret = true)]
    public string? SecretKey { get; init; }
}

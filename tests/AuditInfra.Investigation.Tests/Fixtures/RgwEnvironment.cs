using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>Credentials for the CLI when it talks to the RGW: the standard AWS variables, as a user would set them.</summary>
internal static class RgwEnvironment
{
    private static readonly Lazy<bool> Exported = new(() =>
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3TestServer.Instance.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3TestServer.Instance.SecretKey);
        return true;
    });

    public static void Ensure() => _ = Exported.Value;
}

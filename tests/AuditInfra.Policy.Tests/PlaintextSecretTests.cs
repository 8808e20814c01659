using AuditInfra.Policy.Rules;
using AuditInfra.Policy.Tests.Support;

namespace AuditInfra.Policy.Tests;

/// <summary>AUDIT012 denies plaintext secrets wherever a program or stack file holds them, and never a secret's name or reference.</summary>
public sealed class PlaintextSecretTests
{
    [Theory]
    [InlineData("dbPassword")]
    [InlineData("linodePAT")]
    [InlineData("apiKey")]
    [InlineData("DB_PASSWORD")]
    [InlineData("secretAccessKey")]
    [InlineData("clientSecret")]
    [InlineData("secretString")]
    [InlineData("privateKeyPem")]
    [InlineData("auth-token")]
    [InlineData("linode:token")]
    public void Keys_that_hold_a_secret(string key) => Assert.True(SecretNames.HoldsSecret(LastPart(key)), key);

    [Theory]
    [InlineData("secretName")]
    [InlineData("passwordSecretRef")]
    [InlineData("tokenSecretArn")]
    [InlineData("secretId")]
    [InlineData("secretKeyRef")]
    [InlineData("passwordLength")]
    [InlineData("tokenTtl")]
    [InlineData("name")]
    [InlineData("bypass")]
    [InlineData("passthrough")]
    [InlineData("sshPublicKey")]
    [InlineData("accessKeyId")]
    [InlineData("secretsProviderRegion")]
    [InlineData("existingSecret")]
    [InlineData("envFromSecret")]
    public void Keys_that_name_or_describe_a_secret(string key) => Assert.False(SecretNames.HoldsSecret(key), key);

    [Fact]
    public void Every_plaintext_secret_in_a_hostile_project_is_denied()
    {
        using var copy = ProjectCopy.Committed();
        copy.Write("Pulumi.yaml", File.ReadAllText(copy.File("Pulumi.yaml")).Replace("resources:\n", """
            variables:
              adminPassword: hunter2-but-longer
              linodePAT: 0123456789abcdef0123456789abcdef
              passwordSecretRef: admin-password
            resources:
              dbSecret:
                type: kubernetes:core/v1:Secret
                properties:
                  stringData:
                    password: s3cr3t-value
                  metadata:
                    name: db
              wrapped:
                type: aws:ssm:Parameter
                properties:
                  value: plain
                  apiKey:
                    fn::secret: AKIAEXAMPLEKEYVALUE

            """, StringComparison.Ordinal));
        copy.Set("Pulumi.prod.yaml", "config/audit-logs:linodePAT", "0123456789abcdef0123456789abcdef");
        var report = Checks.Run(copy.Path, "prod");
        var secrets = report.Findings.Where(f => f.Rule.Id == "AUDIT012").Select(f => f.Violation.Message).ToList();
        Assert.Contains(secrets, m => m.Contains("variable adminPassword", StringComparison.Ordinal));
        Assert.Contains(secrets, m => m.Contains("variable linodePAT", StringComparison.Ordinal));
        Assert.Contains(secrets, m => m.Contains("dbSecret.stringData.password", StringComparison.Ordinal));
        Assert.Contains(secrets, m => m.Contains("wrapped.apiKey.fn::secret", StringComparison.Ordinal));
        Assert.Contains(secrets, m => m.Contains("audit-logs:linodePAT", StringComparison.Ordinal));
        Assert.DoesNotContain(secrets, m => m.Contains("passwordSecretRef", StringComparison.Ordinal) || m.Contains("metadata.name", StringComparison.Ordinal));
        Assert.Equal(5, secrets.Count);
    }

    private static string LastPart(string key) => key[(key.LastIndexOf(':') + 1)..];
}

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>
/// A generated delivery of three days (2026-01-01 to 2026-01-03; 2 accounts, 1 LKE cluster, 200 records per object,
/// seed 11) through the real <c>generate</c> command: enough records and detections to compare two code paths on.
/// </summary>
internal static class GeneratedDelivery
{
    public static async Task WriteAsync(string folder)
    {
        var (generated, _, error) = await CliRunner.RunAsync("generate", "--output", folder, "--from", "2026-01-01", "--until", "2026-01-03",
            "--accounts", "2", "--clusters", "1", "--config-objects", "12", "--login-objects", "6", "--k8s-objects", "6", "--records", "200", "--no-empty", "--seed", "11");
        Assert.True(generated == 0, error);
    }
}

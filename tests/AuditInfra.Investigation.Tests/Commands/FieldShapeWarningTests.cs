using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>Records of another shape than the configured paths: every reader command says so on stderr, naming the setting.</summary>
public class FieldShapeWarningTests
{
    [Fact]
    public async Task Each_reader_command_warns_once_per_field_missing_from_nearly_all_records()
    {
        using var dir = new TempDirectory("shape");
        var source = dir.Combine("bucket");
        var delivery = new DeliveryBuilder();
        // The actor under data.principal instead of data.user: nothing else differs.
        var lines = Enumerable.Range(0, 120).Select(i => Config($"c-{i}", Sample.At(Sample.Day1, 10, i % 60), "put-profile")
            .Replace("\"user\":{\"username\":", "\"principal\":{\"name\":", StringComparison.Ordinal)).ToArray();
        delivery.AddConfig(Sample.Day1, lines);
        delivery.WriteTo(source);

        foreach (var command in new[] { "query", "export", "filter-options", "detect" })
        {
            var (exit, _, error) = await CliRunner.RunAsync(command, "--source", source, "--from", "2026-11-01", "--to", "2026-11-01");
            Assert.True(exit == 0, error);
            var warning = Assert.Single(error.Split('\n'), l => l.Contains("warning:", StringComparison.Ordinal));
            Assert.StartsWith($"{command}: warning: field actor (data.user.username or data.user.email) is missing from 100% of 120 config records", warning, StringComparison.Ordinal);
            Assert.Contains("set Fields:Actor", warning, StringComparison.Ordinal);
        }

        var (code, output, err) = await CliRunner.RunAsync(
            "query", "--source", source, "--from", "2026-11-01", "--to", "2026-11-01", "--format", "jsonl", "--limit", "1");
        Assert.True(code == 0, err);
        Assert.DoesNotContain("\"actor\":\"alice", output, StringComparison.Ordinal);

        var settings = dir.Combine("settings.json");
        await File.WriteAllTextAsync(settings, """{"Fields": {"Actor": "data.principal.name"}}""");
        (code, output, err) = await CliRunner.RunAsync(
            "query", "--source", source, "--from", "2026-11-01", "--to", "2026-11-01", "--format", "jsonl", "--limit", "1", "--config", settings);
        Assert.True(code == 0, err);
        Assert.DoesNotContain("warning:", err, StringComparison.Ordinal);
        Assert.Contains("\"actor\":\"alice@example.com\"", output, StringComparison.Ordinal);
    }
}

using System.Text.Json;

namespace AuditInfra.Cli.Tests.Reader;

public class CatalogCliTests
{
    [Fact]
    public async Task Json_lists_every_code_with_its_fields()
    {
        var (exit, output, _) = await CliRun.RunAsync("catalog", "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(156, rows.Count);
        Assert.All(rows, r => Assert.Equal(["code", "service", "group", "description", "operation"], r.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(rows, r => r.GetProperty("code").GetString() == "put-profile" && r.GetProperty("service").GetString() == "Platform");
    }

    [Fact]
    public async Task Search_filters_the_table()
    {
        var (exit, output, _) = await CliRun.RunAsync("catalog", "firewall");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("CODE", lines[0], StringComparison.Ordinal);
        Assert.All(lines[1..^1], l => Assert.Contains("firewall", l, StringComparison.OrdinalIgnoreCase));
        Assert.Matches(@"^\d+ of 156 codes$", lines[^1]);
        Assert.True(lines.Length > 3);
    }
}

using System.Text.Json;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Catalog;

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
        Assert.Equal(EventCatalog.Default.Count + SignInCodes.Entries.Count, rows.Count);
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
        var catalog = EventCatalog.Default.Count;
        Assert.Matches($@"^\d+ of {catalog + 3} codes \({catalog} from Akamai's catalog, 3 sign-in codes\)$", lines[^1]);
        Assert.True(lines.Length > 3);
    }

    [Theory]
    [InlineData("login", "login-success,login-failure")]
    [InlineData("Sign-in", "login-success,login-failure,logout")]
    [InlineData("LOGOUT", "logout")]
    public async Task Sign_in_codes_that_verify_counts_are_found_in_their_own_group(string search, string expected)
    {
        var (exit, output, _) = await CliRun.RunAsync("catalog", search, "--format", "JSON");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var signIns = doc.RootElement.EnumerateArray().Where(r => r.GetProperty("group").GetString() == "Sign-in").Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal(expected.Split(','), signIns);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("TEXT")]
    [InlineData("text")]
    public async Task Text_table_and_any_case_are_the_same_format(string format)
    {
        var (exit, output, _) = await CliRun.RunAsync("catalog", "firewall", "--format", format);
        Assert.Equal(0, exit);
        Assert.StartsWith("CODE", output, StringComparison.Ordinal);
    }
}

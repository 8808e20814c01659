using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.Reader.Reporting;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>
/// Values chosen by whoever made a request (a user name typed at the sign-in form) and object keys chosen by whoever
/// can write to the bucket reach no terminal raw: every human-readable output escapes them, JSON and CSV keep them
/// exactly.
/// </summary>
public sealed class SafeOutputTests : IDisposable
{
    // Clears the screen, homes the cursor, prints a fake verdict on a line of its own, rings the bell, and flips the
    // reading order with a right-to-left override.
    private const string Hostile = "fay\u001b[2J\u001b[1;1H\nall clear\u0007\u202Eevil\u009b";
    private readonly TempDirectory _dir = new("hostile");

    public SafeOutputTests()
    {
        var d = new DeliveryBuilder();
        var day = new DateOnly(2026, 10, 14);
        var lines = Enumerable.Range(0, 12).Select(i => new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = $"f{i}", ["source"] = "/service/login", ["type"] = "com.akamai.audit.login",
            ["time"] = $"2026-10-14T15:00:{i:D2}.123Z",
            ["data"] = new JsonObject
            {
                ["eventcode"] = "login-failure", ["user"] = new JsonObject { ["username"] = Hostile, ["email"] = "=cmd|' /C calc'!A0" },
                ["ip"] = "198.51.100.77", ["useragent"] = Hostile, ["status"] = "failure",
            },
        }.ToJsonString()).ToArray();
        d.AddLogin(day, lines);
        d.WriteTo(_dir.Path);
        // A key that matches no delivery pattern, named to forge a report line of its own.
        var forged = Path.Combine(_dir.Path, "audit_logs", "com.akamai.audit", DeliveryBuilder.Account, "2026", "10", "14", "x\nunexpected_object   forged\u001b[31m.gz");
        File.WriteAllText(forged, "not gzip");
    }

    public void Dispose() => _dir.Dispose();

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) =>
        CliRunner.RunAsync([args[0], "--source", _dir.Path, "--from", "2026-10-14", "--to", "2026-10-14", .. args[1..]]);

    public static TheoryData<string[]> HumanReadable() => new()
    {
        new[] { "query" },
        new[] { "query", "--format", "table", "--actor", "fay*" },
        new[] { "detect" },
        new[] { "detect", "--format", "text" },
        new[] { "filter-options" },
        new[] { "verify" },
        new[] { "verify", "--format", "text" },
    };

    [Theory]
    [MemberData(nameof(HumanReadable))]
    public async Task No_human_readable_output_writes_a_raw_control_character(string[] args)
    {
        var (exit, output, error) = await Run(args);
        Assert.True(exit is 0 or 1, error);
        AssertPrintable(output);
        AssertPrintable(error);
        Assert.DoesNotContain("\nall clear", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\nunexpected_object   forged", output, StringComparison.Ordinal);
        Assert.True(output.Contains("\\u001b", StringComparison.Ordinal) || args[0] == "verify", output);
    }

    [Fact]
    public async Task Verify_and_detect_text_show_the_hostile_key_and_value_escaped_on_one_line()
    {
        var (_, verify, _) = await Run("verify");
        var finding = Assert.Single(verify.Split('\n'), l => l.StartsWith("unexpected_object", StringComparison.Ordinal));
        Assert.Contains("x\\u000aunexpected_object   forged\\u001b[31m.gz", finding, StringComparison.Ordinal);

        var (_, detect, _) = await Run("detect");
        Assert.Contains("actor fay\\u001b[2J\\u001b[1;1H\\u000aall clear\\u0007\\u202eevil\\u009b  ip", detect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_keeps_the_exact_value_and_csv_keeps_it_in_one_guarded_cell()
    {
        var (_, json, _) = await Run("query", "--format", "json");
        var first = JsonDocument.Parse(json).RootElement[0];
        Assert.Equal(Hostile, first.GetProperty("actor").GetString());
        Assert.Equal(Hostile, first.GetProperty("user_agent").GetString());
        Assert.DoesNotContain('\u001b', json);

        var (_, detectJson, _) = await Run("detect", "--format", "json");
        Assert.Contains(JsonDocument.Parse(detectJson).RootElement.GetProperty("detections").EnumerateArray(), d => d.GetProperty("actor").GetString() == Hostile);

        var (_, csv, _) = await Run("query", "--format", "csv");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, rows.Length);
        Assert.Contains($"\"{Hostile}\"", rows[1], StringComparison.Ordinal);
        Assert.Contains("'=cmd|' /C calc'!A0", rows[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("a\nb", "a\\u000ab")]
    [InlineData("\u001b[2J", "\\u001b[2J")]
    [InlineData("x\u007fy\u0085z", "x\\u007fy\\u0085z")]
    [InlineData("\u202Egnp.exe", "\\u202egnp.exe")]
    [InlineData("a\u2028b\u2066c", "a\\u2028b\\u2066c")]
    [InlineData("DOMAIN\\user zoë 名前", "DOMAIN\\user zoë 名前")]
    public void The_one_escaping_helper_rewrites_controls_and_bidi_overrides_only(string value, string expected)
    {
        Assert.Equal(expected, DisplayText.Escape(value));
        Assert.Equal(expected != value, DisplayText.NeedsEscape(value));
        if (expected == value)
        {
            Assert.Same(value, DisplayText.Escape(value));
        }
    }

    private static void AssertPrintable(string text)
    {
        foreach (var c in text)
        {
            Assert.False(c != '\n' && DisplayText.NeedsEscape([c]), $"raw U+{(int)c:X4} in output:\n{text}");
        }
    }
}

using System.Text;
using System.Text.Json;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Tests.Records;

/// <summary>The parser's fast scan must accept exactly what System.Text.Json accepts.</summary>
public class FastScanAgreementTests
{
    private readonly RecordParser _parser = new();

    [Theory]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(".5")]
    [InlineData("tru")]
    [InlineData("nul")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12G4\"")]
    [InlineData("\"a\tb\"")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{,}")]
    [InlineData("\"open")]
    [InlineData("[")]
    [InlineData("{\"a\":1}}")]
    [InlineData("1 2")]
    public void Invalid_values_anywhere_are_rejected_like_System_Text_Json(string value)
    {
        var line = Embed(value);
        Assert.False(IsValidJson(line));
        Assert.Null(_parser.Parse(Encoding.UTF8.GetBytes(line), LogCategory.Config, out var error));
        Assert.StartsWith("not valid JSON", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5e+10")]
    [InlineData("1E5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("\"\\u00e9\\n\\\"\\/\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("[{\"a\":[[],{}]}, \"x\" , 1 ]")]
    [InlineData(" \"é ✓\" ")]
    public void Valid_values_anywhere_are_accepted(string value)
    {
        var line = Embed(value);
        Assert.True(IsValidJson(line));
        var record = _parser.Parse(Encoding.UTF8.GetBytes(line), LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Equal("x-1", record!.Id);
    }

    [Fact]
    public void Escaped_names_of_tracked_fields_are_decoded()
    {
        var line = """{"specversion":"1.0","i\u0064":"esc","source":"s","type":"t","d\u0061ta":{"eventc\u006fde":"put-profile"}}""";
        var record = _parser.Parse(Encoding.UTF8.GetBytes(line), LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Equal("esc", record!.Id);
        Assert.Equal("put-profile", record.EventCode);
    }

    [Theory]
    [InlineData("2026-11-01T10:00:00Z", "2026-11-01T10:00:00.0000000+00:00")]
    [InlineData("2026-11-01t10:00:00.1234567891z", "2026-11-01T10:00:00.1234567+00:00")]
    [InlineData("2026-11-01T10:00:00.5+02:00", "2026-11-01T10:00:00.5000000+02:00")]
    [InlineData("2026-11-01T10:00:00-05:30", "2026-11-01T10:00:00.0000000-05:30")]
    public void Timestamps_parse_with_fractions_and_offsets(string text, string expected)
    {
        var record = _parser.Parse(Encoding.UTF8.GetBytes(Gz.CloudEvent("t", time: text)), LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record!.Time);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, record.Time!.Value.Offset);
    }

    [Theory]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-11-01T25:00:00Z")]
    [InlineData("2026-11-01T10:00:00")]
    public void Impossible_timestamps_are_malformed(string text)
    {
        Assert.Null(_parser.Parse(Encoding.UTF8.GetBytes(Gz.CloudEvent("t", time: text)), LogCategory.Config, out var error));
        Assert.Contains("not an RFC 3339 timestamp", error, StringComparison.Ordinal);
    }

    private static string Embed(string value) =>
        "{\"specversion\":\"1.0\",\"id\":\"x-1\",\"source\":\"s\",\"type\":\"t\",\"extra\":" + value + ",\"data\":{\"eventcode\":\"put-profile\",\"more\":" + value + "}}";

    private static bool IsValidJson(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
